"""Entities and value objects of the reporting service (none yet)."""
