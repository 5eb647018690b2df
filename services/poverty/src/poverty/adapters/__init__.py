"""Adapters of the poverty service: tables (``orm``); repositories and clients come later."""
