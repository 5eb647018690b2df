"""A new payment shard rebuilt from the registry (issue 13, ADR 0027), both ways: from the
events (a new consumer group replays the topic from offset 0), and from the registry's
snapshot RPC followed by the events after it. Either way the rebuilt projection equals the
live one, row for row. Real PostgreSQL, Kafka, Keycloak (service credentials) and Redis."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date

import grpc
import pytest
import sqlalchemy as sa

from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import use_principal
from ansinh_common.grpc.client import make_channel
from ansinh_common.messaging import WorkerRunner
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers, service_credentials_for
from payment.bootstrap import rebuild_projection
from payment.config import PaymentSettings
from payment.testing import PaymentCluster, make_payment_cluster
from registry.bootstrap import bootstrap as registry_bootstrap
from registry.config import RegistrySettings
from registry.domain.category import CategoryRef
from registry.entrypoints.grpc_server import start

from .payment_support import HANOI
from .projection_support import PROVINCE_OFFICER, RegistryFeed, payment_worker

pytestmark = pytest.mark.integration
TABLES = {
    "entitlement_persons": "person_id",
    "entitlement_memberships": "record_id",
    "entitlement_care_claims": "claim_id",
}


def projection(cluster: PaymentCluster) -> dict[str, list[dict[str, object]]]:
    """Every projection row of Hà Nội's shard but ``updated_at``, in key order."""
    out = {}
    with cluster.router.session(HANOI) as session:
        for table, key in TABLES.items():
            rows = session.execute(sa.text(f"SELECT * FROM {table} ORDER BY {key}"))
            out[table] = [{k: v for k, v in r._mapping.items() if k != "updated_at"} for r in rows]
    return out


def wait_until_equal(
    rebuilt: PaymentCluster, live: PaymentCluster, timeout_s: float = 60.0
) -> None:
    deadline = time.monotonic() + timeout_s
    while projection(rebuilt) != projection(live):
        if time.monotonic() > deadline:
            assert projection(rebuilt) == projection(live)
        time.sleep(0.3)


@pytest.fixture
def feed(
    make_database: Callable[[str], str], make_topic: Callable[..., str], servers: Servers
) -> Iterator[RegistryFeed]:
    found = RegistryFeed(make_database, make_topic(3), servers.kafka_bootstrap)
    yield found
    found.close()


@pytest.fixture
def registry_stub(
    feed: RegistryFeed, servers: Servers
) -> Iterator[registry_pb2_grpc.RegistryServiceStub]:
    server, port = start(registry_bootstrap(RegistrySettings(), router=feed.router), port=0)
    channel = make_channel(
        f"127.0.0.1:{port}", default_timeout=60.0,
        service_credentials=service_credentials_for(servers.keycloak_url),
    )  # fmt: skip
    try:
        yield registry_pb2_grpc.RegistryServiceStub(channel)
    finally:
        channel.close()
        server.stop(0).wait()


def populate(feed: RegistryFeed) -> None:
    feed.register("Hoàng Thị Một", date(1944, 8, 10), CategoryRef("5.5a", "age_60_to_80"), "1.5")
    dying = feed.register("Vũ Thị Hai", date(1939, 2, 1), CategoryRef("5.5a", "from_80"), "2.0")
    feed.register("Đặng Văn Ba", date(1940, 3, 3), CategoryRef("5.5a", "from_80"), "2.0")
    feed.record_death(dying, date(2024, 8, 15))


def test_a_new_shard_rebuilt_from_the_events_equals_the_live_one(
    feed: RegistryFeed, payment_cluster: PaymentCluster, servers: Servers,
    make_database: Callable[[str], str],
) -> None:  # fmt: skip
    live_worker = payment_worker(payment_cluster, feed.topic, servers.kafka_bootstrap)
    live_worker.start()
    new = make_payment_cluster(make_database)
    rebuilt: WorkerRunner | None = None
    try:
        populate(feed)
        feed.relay()
        wait_until_memberships(payment_cluster, 3)
        rebuilt = payment_worker(new, feed.topic, servers.kafka_bootstrap, group="new-shard")
        rebuilt.start()  # a new group: the whole topic from offset 0
        wait_until_equal(new, payment_cluster)
    finally:
        live_worker.close()
        if rebuilt is not None:
            rebuilt.close()
        new.router.dispose()


def test_a_new_shard_rebuilt_from_the_snapshot_and_the_events_after_it_equals_the_live_one(
    feed: RegistryFeed, payment_cluster: PaymentCluster, servers: Servers,
    make_database: Callable[[str], str], registry_stub: registry_pb2_grpc.RegistryServiceStub,
) -> None:  # fmt: skip
    live_worker = payment_worker(payment_cluster, feed.topic, servers.kafka_bootstrap)
    live_worker.start()
    new = make_payment_cluster(make_database)
    rebuilt: WorkerRunner | None = None
    try:
        populate(feed)
        feed.relay()
        wait_until_memberships(payment_cluster, 3)
        settings = _settings(new, feed.topic, servers.kafka_bootstrap)
        [report] = rebuild_projection(settings, [HANOI], router=new.router,
                                      registry_stub=registry_stub)  # fmt: skip
        assert (report.records, report.applied) == (3, 3)
        assert report.outbox_position > 0 and report.taken_at is not None
        assert projection(new) == projection(payment_cluster)

        # after the snapshot: a new record; the worker of the new shard brings it in
        feed.register("Bùi Thị Bốn", date(1938, 4, 4), CategoryRef("5.5a", "from_80"), "2.0")
        feed.relay()
        wait_until_memberships(payment_cluster, 4)
        rebuilt = payment_worker(new, feed.topic, servers.kafka_bootstrap, group="new-shard")
        rebuilt.start()
        wait_until_equal(new, payment_cluster)
        again = rebuild_projection(settings, [HANOI], router=new.router,
                                   registry_stub=registry_stub)  # fmt: skip
        assert (again[0].records, again[0].applied) == (4, 0)  # nothing newer: nothing changes
    finally:
        live_worker.close()
        if rebuilt is not None:
            rebuilt.close()
        new.router.dispose()


def test_only_internal_services_get_the_snapshot(
    feed: RegistryFeed, registry_stub: registry_pb2_grpc.RegistryServiceStub,
    signed_in: KeycloakTestUsers,
) -> None:  # fmt: skip
    request = registry_pb2.SnapshotPaymentProfilesRequest(province_code=HANOI)
    with use_principal(signed_in(PROVINCE_OFFICER)), pytest.raises(grpc.RpcError) as refused:
        list(registry_stub.SnapshotPaymentProfiles(request))
    assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
    unknown = registry_pb2.SnapshotPaymentProfilesRequest(province_code="00")
    with pytest.raises(grpc.RpcError) as invalid:
        list(registry_stub.SnapshotPaymentProfiles(unknown))
    assert invalid.value.code() is grpc.StatusCode.INVALID_ARGUMENT


def wait_until_memberships(cluster: PaymentCluster, n: int, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        with cluster.router.session(HANOI) as session:
            found = session.execute(
                sa.text("SELECT count(*) FROM entitlement_memberships")
            ).scalar_one()
            deaths = session.execute(
                sa.text("SELECT count(*) FROM entitlement_persons WHERE died_on IS NOT NULL")
            ).scalar_one()
        if found == n and deaths == 1:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{found} of {n} records projected")
        time.sleep(0.2)


def _settings(cluster: PaymentCluster, topic: str, bootstrap: str) -> PaymentSettings:
    return PaymentSettings(
        shards=cluster.shard_urls, global_db_url=cluster.global_url,
        province_shards=default_province_shards(sorted(cluster.shard_urls)),
        kafka_bootstrap=bootstrap, registry_topic=topic,
    )  # fmt: skip
