"""Alembic environment of the registry's shard schema (run per shard by ansinh_common)."""

from ansinh_common.migrations import run_migrations
from registry.adapters.orm import metadata

run_migrations(metadata)
