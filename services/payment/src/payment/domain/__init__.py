"""Domain of the payment service: plain Python, no I/O (ADR 0013)."""
