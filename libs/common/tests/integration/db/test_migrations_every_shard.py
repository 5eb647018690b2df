"""One command migrates every shard and the global database."""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from ansinh_common.db.targets import DatabaseTarget
from ansinh_common.migrations import migrate_all

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).parent / "sample_migrations"


def tables_of(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_head_on_every_shard_and_the_global_database(
    make_database: Callable[[], str],
) -> None:
    shards = {"s1": make_database(), "s2": make_database()}
    global_url = make_database()
    env = {
        **os.environ,
        "ANSINH_SHARDS": json.dumps(shards),
        "ANSINH_GLOBAL_DB_URL": global_url,
    }
    command = [
        sys.executable, "-m", "ansinh_common.migrations",
        "--config", str(SAMPLE / "shards" / "alembic.ini"),
        "--global-config", str(SAMPLE / "global_db" / "alembic.ini"),
        "upgrade", "head",
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()

    for url in shards.values():
        assert tables_of(url) == {"alembic_version", "outbox", "inbox", "people"}
    assert tables_of(global_url) == {"alembic_version", "national_ids"}

    migrate_all(
        SAMPLE / "shards" / "alembic.ini",
        [DatabaseTarget("s2", shards["s2"])],
        "downgrade",
        "base",
    )
    assert tables_of(shards["s2"]) == {"alembic_version"}
    assert "people" in tables_of(shards["s1"])
