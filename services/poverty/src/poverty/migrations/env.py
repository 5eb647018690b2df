"""Alembic environment of the poverty service (run per database by ansinh_common)."""

from ansinh_common.migrations import run_migrations
from poverty.adapters.orm import metadata

run_migrations(metadata)
