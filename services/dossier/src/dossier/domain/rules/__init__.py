"""Rules of the dossier service: one module per rule, each with its ``LEGAL_BASIS``."""
