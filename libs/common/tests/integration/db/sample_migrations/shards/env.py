"""A service's env.py, as short as it gets."""

from ansinh_common.migrations import run_migrations

run_migrations(None)
