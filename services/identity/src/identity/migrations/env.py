"""Alembic env of the identity service's database (identity_global)."""

from ansinh_common.migrations import run_migrations
from identity.adapters.orm import metadata

run_migrations(metadata)
