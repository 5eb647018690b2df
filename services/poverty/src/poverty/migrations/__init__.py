"""Alembic migrations of the poverty service: one schema for every shard and the global database.

Run them with ``services/poverty/migrate.sh`` (``python -m ansinh_common.runtime.migrate``).
"""
