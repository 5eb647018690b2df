"""Alembic environment of the reporting service (run per database by ansinh_common)."""

from ansinh_common.migrations import run_migrations
from reporting.adapters.orm import metadata

run_migrations(metadata)
