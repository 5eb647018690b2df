"""Rules of the payment service: one module per rule, each with its ``LEGAL_BASIS``."""
