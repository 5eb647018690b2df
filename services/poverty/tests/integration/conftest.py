"""Fixtures of the poverty integration tests: one migrated set of shards per test module
(migrating four databases takes seconds on a busy machine; tests use fresh household ids)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ansinh_common.db import ShardRouter
from ansinh_common.testing import Servers, create_database, drop_database
from poverty.testing import migrated_router


@pytest.fixture(scope="module")
def poverty_router(servers: Servers) -> Iterator[ShardRouter]:
    created: list[str] = []

    def make(prefix: str = "test") -> str:
        url = create_database(servers.pg_admin_url, prefix)
        created.append(url)
        return url

    router = migrated_router(make)
    yield router
    router.dispose()
    for url in reversed(created):
        drop_database(servers.pg_admin_url, url)
