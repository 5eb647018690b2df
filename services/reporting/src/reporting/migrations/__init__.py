"""Alembic migrations of the reporting service (``services/reporting/migrate.sh``)."""
