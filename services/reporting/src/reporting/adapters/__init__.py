"""Adapters of the reporting service: tables (``orm``); repositories and clients come later."""
