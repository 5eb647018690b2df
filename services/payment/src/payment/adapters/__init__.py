"""Adapters of the payment service: tables (``orm``); repositories and clients come later."""
