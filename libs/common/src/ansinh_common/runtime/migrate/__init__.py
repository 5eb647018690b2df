"""Migrate every database of a service (shards, then global) with one call or one command.

``migrate_service(settings, ini)`` creates the databases that do not exist yet (on their own
servers) and runs the Alembic command through :func:`ansinh_common.migrations.migrate_all`.
The command line (``python -m ansinh_common.runtime.migrate``, see ``__main__``) makes each
service's ``migrate.sh`` one line::

    exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate \\
      --settings dossier.config:DossierSettings --config "$ROOT/services/dossier/alembic.ini" "$@"
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

from ansinh_common.db.engine import normalize_url
from ansinh_common.db.targets import DatabaseTarget, targets_from_settings
from ansinh_common.migrations import migrate_all
from ansinh_common.settings import ServiceSettings, load_settings_class

log = logging.getLogger(__name__)


def ensure_database(url: str) -> bool:
    """Create the database named in ``url`` if missing (connecting to ``postgres`` on the same
    server); True if it was created."""
    target = sa.make_url(normalize_url(url))
    name = target.database
    if not name:
        raise ValueError(f"no database name in {target.render_as_string()}")
    admin = sa.create_engine(
        target.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    exists = sa.text("SELECT 1 FROM pg_database WHERE datname = :name")
    try:
        with admin.connect() as conn:
            if conn.execute(exists, {"name": name}).scalar():
                return False
            quoted = admin.dialect.identifier_preparer.quote(name)
            try:
                conn.execute(sa.text(f"CREATE DATABASE {quoted}"))
            except ProgrammingError:  # created concurrently by another migrate run
                if conn.execute(exists, {"name": name}).scalar():
                    return False
                raise
            log.info("created database %s", name)
            return True
    finally:
        admin.dispose()


def select_targets(settings: ServiceSettings, only: Sequence[str] = ()) -> list[DatabaseTarget]:
    """The settings' shards (by name) then the global database, limited to ``only``."""
    targets = targets_from_settings(settings)
    if only:
        unknown = sorted(set(only) - {t.name for t in targets})
        if unknown:
            raise ValueError(f"unknown database target(s): {', '.join(unknown)}")
        targets = [t for t in targets if t.name in only]
    if not targets:
        raise ValueError(f"{settings.service_name}: no shard or global database configured")
    return targets


def migrate_service(
    settings: ServiceSettings,
    ini_path: str | Path,
    command: str = "upgrade",
    *args: str,
    global_ini_path: str | Path | None = None,
    only: Sequence[str] = (),
    create_databases: bool | None = None,
) -> list[DatabaseTarget]:
    """Run ``alembic <command> <args>`` (default ``upgrade head``) on every shard of
    ``settings`` in name order, then on its global database (with ``global_ini_path`` when
    the global schema differs). Missing databases are created first when
    ``create_databases`` (default: for ``upgrade`` and ``stamp``). Returns the targets."""
    targets = select_targets(settings, only)
    if not args and command in ("upgrade", "stamp"):
        args = ("head",)
    if create_databases if create_databases is not None else command in ("upgrade", "stamp"):
        for target in targets:
            ensure_database(target.url)
    migrate_all(ini_path, targets, command, *args, global_ini_path=global_ini_path)
    return targets


__all__ = [
    "ensure_database",
    "load_settings_class",
    "migrate_service",
    "select_targets",
]
