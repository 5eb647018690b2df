"""Domain of the reporting service: plain Python, no I/O (ADR 0013)."""
