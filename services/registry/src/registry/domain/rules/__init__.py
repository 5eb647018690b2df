"""Business rules of the registry, one module per rule, each with its ``LEGAL_BASIS``."""
