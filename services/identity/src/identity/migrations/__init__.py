"""Alembic migrations of ``identity_global`` (run: services/identity/migrate.sh)."""
