"""Domain of the dossier service: plain Python, no I/O (ADR 0013)."""
