"""Run one Alembic command against every database of a service."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from ansinh_common.db.targets import DatabaseTarget
from ansinh_common.migrations.env import TARGET_ATTRIBUTE

log = logging.getLogger(__name__)

COMMANDS: dict[str, Callable[..., Any]] = {
    "upgrade": command.upgrade,
    "downgrade": command.downgrade,
    "stamp": command.stamp,
    "current": command.current,
    "check": command.check,
    "heads": command.heads,
}


def alembic_config(ini_path: str | Path, target: DatabaseTarget) -> Config:
    """The service's Alembic config pointed at ``target``."""
    config = Config(str(ini_path))
    config.set_main_option("sqlalchemy.url", target.url.replace("%", "%%"))
    config.attributes[TARGET_ATTRIBUTE] = target
    return config


def migrate_all(
    ini_path: str | Path,
    targets: Sequence[DatabaseTarget],
    command_name: str,
    *args: str,
    global_ini_path: str | Path | None = None,
) -> None:
    """Run ``command_name`` (e.g. ``upgrade head``) on each target in turn; stop at the first
    failure. The global database uses ``global_ini_path`` if given (its own schema)."""
    try:
        run = COMMANDS[command_name]
    except KeyError:
        raise ValueError(f"unsupported command {command_name!r}: {', '.join(COMMANDS)}") from None
    for target in targets:
        ini = global_ini_path if target.is_global and global_ini_path else ini_path
        log.info("alembic %s %s on %s", command_name, " ".join(args), target.name)
        run(alembic_config(ini, target), *args)
