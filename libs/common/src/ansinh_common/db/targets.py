"""The databases of one service, named: its shards plus an optional global database.

From the environment (see ``ansinh_common.settings.ServiceSettings``): ``ANSINH_SHARDS`` is a
JSON object ``{"s1": "<url>", "s2": "<url>"}`` (or ``ANSINH_SHARDS__S1=<url>`` …) and
``ANSINH_GLOBAL_DB_URL`` the global database's URL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import NamedTuple

from ansinh_common.db.router import GLOBAL_SHARD
from ansinh_common.settings import ServiceSettings

SHARDS_ENV = "ANSINH_SHARDS"
GLOBAL_URL_ENV = "ANSINH_GLOBAL_DB_URL"


class DatabaseTarget(NamedTuple):
    name: str
    url: str

    @property
    def is_global(self) -> bool:
        return self.name == GLOBAL_SHARD


def parse_shards_json(raw: str) -> dict[str, str]:
    """Parse ``{"shard": "url", ...}``; raise ValueError on anything else."""
    value = json.loads(raw)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError("shards must be a JSON object of shard name → database URL")
    return dict(value)


def database_targets(shards: Mapping[str, str], global_url: str | None) -> list[DatabaseTarget]:
    """Shards sorted by name, then the global database if any."""
    if GLOBAL_SHARD in shards:
        raise ValueError(f"shard name {GLOBAL_SHARD!r} is reserved for the global database")
    targets = [DatabaseTarget(name, shards[name]) for name in sorted(shards)]
    if global_url:
        targets.append(DatabaseTarget(GLOBAL_SHARD, global_url))
    return targets


def targets_from_settings(settings: ServiceSettings) -> list[DatabaseTarget]:
    return database_targets(settings.shards, settings.global_db_url)


def targets_from_env(environ: Mapping[str, str] | None = None) -> list[DatabaseTarget]:
    """Targets from ``ANSINH_SHARDS`` (JSON or ``ANSINH_SHARDS__<NAME>``) and
    ``ANSINH_GLOBAL_DB_URL``, read through the services' settings class."""
    if environ is None:
        return targets_from_settings(ServiceSettings())
    shards = parse_shards_json(environ[SHARDS_ENV]) if environ.get(SHARDS_ENV) else {}
    return database_targets(shards, environ.get(GLOBAL_URL_ENV))
