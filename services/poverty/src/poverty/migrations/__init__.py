"""Alembic migrations of the poverty service (``services/poverty/migrate.sh``)."""
