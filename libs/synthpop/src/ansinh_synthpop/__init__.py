"""Synthetic national population for An Sinh (see docs/synthpop.md)."""
