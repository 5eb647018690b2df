"""Domain of the poverty service: plain Python, no I/O (ADR 0013)."""
