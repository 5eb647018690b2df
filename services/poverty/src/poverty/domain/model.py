"""Entities and value objects of the poverty service (none yet)."""
