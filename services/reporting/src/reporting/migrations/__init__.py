"""Alembic migrations of the reporting service: one schema for every shard and the global database.

Run them with ``services/reporting/migrate.sh`` (``python -m ansinh_common.runtime.migrate``).
"""
