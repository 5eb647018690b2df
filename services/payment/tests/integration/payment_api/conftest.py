"""Fixtures of the payment API tests: one migrated cluster and one started PaymentService per
module (each test works in its own province or commune), callers signed in on Keycloak."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from redis import Redis

from ansinh.common.v1 import jobs_pb2_grpc
from ansinh.payment.v1 import payment_pb2_grpc
from ansinh_common.grpc.client import make_channel
from ansinh_common.testing import Servers, create_database, drop_database
from payment.bootstrap import PaymentApp, bootstrap
from payment.config import PaymentSettings
from payment.entrypoints.grpc_server import start
from payment.testing import PaymentCluster, make_payment_cluster

from .payment_api_support import Stubs


@pytest.fixture(scope="module")
def api_cluster(servers: Servers) -> Iterator[PaymentCluster]:
    created: list[str] = []

    def make(prefix: str = "test") -> str:
        url = create_database(servers.pg_admin_url, prefix)
        created.append(url)
        return url

    cluster = make_payment_cluster(make)
    yield cluster
    cluster.router.dispose()
    for url in reversed(created):
        drop_database(servers.pg_admin_url, url)


@pytest.fixture(scope="module")
def payment_app(api_cluster: PaymentCluster, servers: Servers) -> Iterator[PaymentApp]:
    settings = PaymentSettings(redis_url=servers.redis_url, keycloak_url=servers.keycloak_url)
    app = bootstrap(settings, router=api_cluster.router, redis=Redis.from_url(servers.redis_url),
                    lock_prefix=f"test:payment:{uuid.uuid4().hex}")  # fmt: skip
    yield app
    if app.jobs is not None:
        app.jobs.shutdown(wait=True)


@pytest.fixture(scope="module")
def stubs(payment_app: PaymentApp) -> Iterator[Stubs]:
    server, port = start(payment_app)
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        yield Stubs(
            payment_pb2_grpc.PaymentServiceStub(channel), jobs_pb2_grpc.JobServiceStub(channel)
        )
    finally:
        channel.close()
        server.stop(0).wait()
