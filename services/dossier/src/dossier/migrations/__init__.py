"""Alembic migrations of the dossier service (``services/dossier/migrate.sh``)."""
