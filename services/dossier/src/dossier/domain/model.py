"""Entities and value objects of the dossier service (none yet)."""
