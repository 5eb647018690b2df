"""Alembic migrations of the dossier service: one schema for every shard and the global database.

Run them with ``services/dossier/migrate.sh`` (``python -m ansinh_common.runtime.migrate``).
"""
