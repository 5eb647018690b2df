"""Alembic environment of the payment service (run per database by ansinh_common)."""

from ansinh_common.migrations import run_migrations
from payment.adapters.orm import metadata

run_migrations(metadata)
