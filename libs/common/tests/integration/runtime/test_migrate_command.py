"""``python -m ansinh_common.runtime.migrate`` creates missing databases and is idempotent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.testing import Servers, drop_database

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).parents[1] / "db" / "sample_migrations"


@pytest.fixture
def missing_urls(servers: Servers) -> Iterator[dict[str, str]]:
    base = sa.make_url(servers.pg_admin_url)
    tag = uuid.uuid4().hex[:10]
    urls = {
        name: base.set(database=f"runtime_mig_{tag}_{name}").render_as_string(hide_password=False)
        for name in ("s1", "s2", "global")
    }
    yield urls
    for url in urls.values():
        drop_database(servers.pg_admin_url, url)


def tables_of(url: str) -> set[str]:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_creates_missing_databases_then_migrates_every_target_twice(
    missing_urls: dict[str, str],
) -> None:
    env = {
        **os.environ,
        "ANSINH_SHARDS": json.dumps({"s1": missing_urls["s1"], "s2": missing_urls["s2"]}),
        "ANSINH_GLOBAL_DB_URL": missing_urls["global"],
    }
    command = [
        sys.executable, "-m", "ansinh_common.runtime.migrate",
        "--settings", "ansinh_common.runtime.settings:GrpcServiceSettings",
        "--config", str(SAMPLE / "shards" / "alembic.ini"),
        "--global-config", str(SAMPLE / "global_db" / "alembic.ini"),
    ]  # fmt: skip
    for _ in range(2):  # the second run finds everything in place
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr

    assert tables_of(missing_urls["s1"]) == {"alembic_version", "outbox", "inbox", "people"}
    assert tables_of(missing_urls["s2"]) == {"alembic_version", "outbox", "inbox", "people"}
    assert tables_of(missing_urls["global"]) == {"alembic_version", "national_ids"}


def test_refuses_an_unknown_settings_class() -> None:
    command = [
        sys.executable, "-m", "ansinh_common.runtime.migrate",
        "--settings", "ansinh_common.runtime.shards:DEV_PG_SERVER", "--config", "x.ini",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "not a ServiceSettings subclass" in result.stderr
