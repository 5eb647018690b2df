"""Rules of the reporting service: one module per rule, each with its ``LEGAL_BASIS``."""
