"""Helpers for a service's Alembic ``env.py``.

A service's ``env.py`` becomes::

    from ansinh_common.migrations import run_migrations
    from dossier.adapters.orm import metadata
    run_migrations(metadata)

The database URL is the one the runner set for the current target (a shard or the global
database), else ``sqlalchemy.url`` from the ini file.
"""

from __future__ import annotations

from alembic import context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine
from sqlalchemy.pool import NullPool

from ansinh_common.db.engine import normalize_url
from ansinh_common.db.targets import DatabaseTarget

TARGET_ATTRIBUTE = "ansinh_target"


def current_target(config: Config | None = None) -> DatabaseTarget | None:
    """The shard or global database being migrated (None when run by plain ``alembic``)."""
    cfg = config or context.config
    target = cfg.attributes.get(TARGET_ATTRIBUTE)
    return target if isinstance(target, DatabaseTarget) else None


def database_url(config: Config | None = None) -> str:
    cfg = config or context.config
    target = current_target(cfg)
    url = target.url if target else cfg.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: run via python -m ansinh_common.migrations")
    return normalize_url(url)


def run_migrations(target_metadata: MetaData | None) -> None:
    """Run the migrations of the current Alembic invocation (online or offline)."""
    url = database_url()
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=target_metadata)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()
