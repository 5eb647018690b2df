"""Alembic environment of the dossier service (run per database by ansinh_common)."""

from ansinh_common.migrations import run_migrations
from dossier.adapters.orm import metadata

run_migrations(metadata)
