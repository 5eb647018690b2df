"""Payment rules, one legal rule per module, each with its ``LEGAL_BASIS``."""
