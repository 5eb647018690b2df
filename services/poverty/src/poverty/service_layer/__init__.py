"""Use cases of the poverty service: no adapters, no entry points (ADR 0013)."""
