"""Use cases of the reporting service: no adapters, no entry points (ADR 0013)."""
