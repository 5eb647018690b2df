"""Rules of the poverty service: one module per rule, each with its ``LEGAL_BASIS``."""
