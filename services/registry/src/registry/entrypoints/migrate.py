"""Where the registry's Alembic configurations are, and a helper to migrate given databases.

The command for every database of the settings is ``services/registry/migrate.sh``
(``python -m ansinh_common.runtime.migrate`` with both configurations: the shard schema on
every ``registry_s<N>``, the index schema on ``registry_global``). Tests and the benchmark
migrate their own scratch databases with :func:`migrate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ansinh_common.db.targets import DatabaseTarget
from ansinh_common.migrations import migrate_all

SERVICE_ROOT = Path(__file__).resolve().parents[3]
SHARD_INI = SERVICE_ROOT / "alembic.ini"
GLOBAL_INI = Path(__file__).resolve().parents[1] / "migrations" / "global" / "alembic.ini"


def migrate(targets: Sequence[DatabaseTarget], command: str = "upgrade", *args: str) -> None:
    """Run ``alembic <command> <args>`` (default ``upgrade head``) on existing databases."""
    if not args and command in ("upgrade", "stamp"):
        args = ("head",)
    migrate_all(SHARD_INI, targets, command, *args, global_ini_path=GLOBAL_INI)
