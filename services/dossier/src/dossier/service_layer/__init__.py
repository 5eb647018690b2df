"""Use cases of the dossier service: no adapters, no entry points (ADR 0013)."""
