"""Use cases of the payment service: no adapters, no entry points (ADR 0013)."""
