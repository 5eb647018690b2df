"""REST ↔ proto: one generic mapping and the models generated from the protos (ADR 0012)."""
