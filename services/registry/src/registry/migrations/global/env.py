"""Alembic environment of the registry's global index database."""

from ansinh_common.migrations import run_migrations
from registry.adapters.orm import global_metadata

run_migrations(global_metadata)
