"""What the projection takes from the registry beyond the amounts' facts (issue 13, ADR 0033):
the last month a legacy system paid an imported record, and the record's payment channel
written to the ID → account mapping with its history. The registry's use cases, its outbox
relayed to a per-test topic, the payment worker; real PostgreSQL, Kafka and Redis."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from ansinh_common.messaging import WorkerRunner
from ansinh_common.testing import Servers
from payment.domain.months import Month
from payment.testing import PaymentCluster
from registry.domain.category import CategoryRef
from registry.domain.months import Month as RegistryMonth

from .payment_support import Wired
from .projection_support import RegistryFeed, payment_worker
from .test_projection_from_registry import memberships, projected, wait_for

pytestmark = pytest.mark.integration

OLD = CategoryRef("5.5a", "from_80")


@pytest.fixture
def feed(
    make_database: Callable[[str], str], make_topic: Callable[..., str], servers: Servers
) -> Iterator[RegistryFeed]:
    found = RegistryFeed(make_database, make_topic(3), servers.kafka_bootstrap)
    yield found
    found.close()


@pytest.fixture
def worker(
    feed: RegistryFeed, payment_cluster: PaymentCluster, servers: Servers
) -> Iterator[WorkerRunner]:
    runner = payment_worker(payment_cluster, feed.topic, servers.kafka_bootstrap)
    runner.start()
    yield runner
    runner.close()


def person_of(cluster: PaymentCluster, record_id: str) -> str:
    rows = projected(
        cluster, f"SELECT person_id FROM entitlement_memberships WHERE record_id = '{record_id}'"
    )
    return str(rows[0][0])


def test_an_imported_record_paid_through_september_owes_no_arrears_in_october(
    feed: RegistryFeed, worker: WorkerRunner, payment_cluster: PaymentCluster, servers: Servers
) -> None:
    # both loaded from the legacy database with start month January 2025; only the first says
    # how far the legacy system paid
    paid = feed.register(
        "Đỗ Thị Cũ", date(1940, 3, 3), OLD, "2.0", imported=True,
        start_month=RegistryMonth(2025, 1), paid_through=RegistryMonth(2025, 9),
    )  # fmt: skip
    unknown = feed.register(
        "Đỗ Văn Chưa", date(1941, 4, 4), OLD, "2.0", imported=True,
        start_month=RegistryMonth(2025, 1),
    )  # fmt: skip
    assert feed.relay() >= 2
    wait_for(lambda: len(memberships(payment_cluster)) == 2)
    wired = Wired(payment_cluster, servers.redis_url)
    october = Month(2025, 10)
    wired.generate(october)
    lines = wired.lines(october)
    cu, chua = person_of(payment_cluster, paid), person_of(payment_cluster, unknown)
    mine = [(line["kind"], line["amount_vnd"]) for line in lines if line["national_id"] == cu]
    assert mine == [("regular", 1_000_000)]  # October only: 500,000 × 2.0
    theirs = [line for line in lines if line["national_id"] == chua]
    arrears = sum(line["amount_vnd"] for line in theirs if line["kind"] == "arrears")
    assert arrears == 9 * 1_000_000  # without the month: January to September again
