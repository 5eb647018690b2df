"""Alembic migrations of the registry: ``shard/`` (every registry_s<N>) and ``global/``."""
