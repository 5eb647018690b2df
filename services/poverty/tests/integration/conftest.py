"""Fixtures of the poverty integration tests: one migrated set of shards per test module
(migrating four databases takes seconds on a busy machine; tests use fresh household ids)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ansinh.poverty.v1 import poverty_pb2_grpc
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.client import make_channel
from ansinh_common.testing import Servers, create_database, drop_database
from poverty.bootstrap import PovertyApp, bootstrap
from poverty.config import PovertySettings
from poverty.testing import migrated_router, start


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


@pytest.fixture(scope="module")
def app(poverty_router: ShardRouter) -> PovertyApp:
    return bootstrap(PovertySettings(), router=poverty_router)


@pytest.fixture(scope="module")
def stub(app: PovertyApp) -> Iterator[poverty_pb2_grpc.PovertyServiceStub]:
    server, port = start(app)
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        yield poverty_pb2_grpc.PovertyServiceStub(channel)
    finally:
        channel.close()
        server.stop(0).wait()
