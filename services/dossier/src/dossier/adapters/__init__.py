"""Adapters of the dossier service: tables (``orm``); repositories and clients come later."""
