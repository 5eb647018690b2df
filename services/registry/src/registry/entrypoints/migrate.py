"""``python -m registry.entrypoints.migrate [alembic command] [args]`` (default ``upgrade head``).

Creates the databases that do not exist yet (every shard of the settings and the global
index database, on their own servers), then runs the Alembic command on every shard with the
shard schema and on the global database with its own schema (``ansinh_common.migrations``).
``--only s1`` limits the run to some targets (``global`` for the global database).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.db.engine import normalize_url
from ansinh_common.db.targets import DatabaseTarget, targets_from_settings
from ansinh_common.migrations import migrate_all
from registry.config import RegistrySettings

SERVICE_ROOT = Path(__file__).resolve().parents[3]
SHARD_INI = SERVICE_ROOT / "alembic.ini"
GLOBAL_INI = Path(__file__).resolve().parents[1] / "migrations" / "global" / "alembic.ini"

log = logging.getLogger("registry.migrate")


def ensure_database(url: str) -> bool:
    """Create the database of ``url`` on its server if missing; True if created."""
    target = sa.make_url(normalize_url(url))
    name = target.database
    if not name:
        raise ValueError(f"no database name in {target.render_as_string()}")
    admin = sa.create_engine(
        target.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if exists:
                return False
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            log.info("created database %s", name)
            return True
    finally:
        admin.dispose()


def migrate(
    targets: Sequence[DatabaseTarget], command: str = "upgrade", *args: str, create: bool = True
) -> None:
    """Run ``command`` on ``targets`` (shards with the shard schema, global with its own)."""
    if create:
        for target in targets:
            ensure_database(target.url)
    if not args and command in ("upgrade", "stamp"):
        args = ("head",)
    migrate_all(SHARD_INI, targets, command, *args, global_ini_path=GLOBAL_INI)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    parser = argparse.ArgumentParser(prog="registry.entrypoints.migrate")
    parser.add_argument("--only", action="append", default=[], help="target name (repeatable)")
    parser.add_argument("command", nargs="?", default="upgrade")
    parser.add_argument("args", nargs="*")
    ns = parser.parse_args(argv)
    targets = targets_from_settings(RegistrySettings())
    if ns.only:
        targets = [t for t in targets if t.name in ns.only]
    migrate(targets, ns.command, *ns.args, create=ns.command == "upgrade")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
