"""The payment projection built from the registry's own events (issue 13, ADR 0027): records
registered and changed through the registry's use cases, its outbox relayed to Kafka, the
payment worker applying the events through its inbox, then the month generated as usual.
Real PostgreSQL, Kafka and Redis; per-test databases and topic."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from ansinh_common.messaging import WorkerRunner
from ansinh_common.testing import Servers
from payment.domain.months import Month
from payment.testing import PaymentCluster
from registry.domain.category import CategoryRef

from .payment_support import HANOI, Wired
from .projection_support import RegistryFeed, payment_worker

pytestmark = pytest.mark.integration


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


def projected(cluster: PaymentCluster, sql: str) -> list[tuple[object, ...]]:
    with cluster.router.session(HANOI) as session:
        return [tuple(r) for r in session.execute(sa.text(sql))]


def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the projection did not catch up")
        time.sleep(0.2)


def memberships(cluster: PaymentCluster) -> dict[str, tuple[object, ...]]:
    rows = projected(
        cluster, "SELECT record_id, record_version, group_code, end_month "
        "FROM entitlement_memberships",
    )  # fmt: skip
    return {str(r[0]): r[1:] for r in rows}


def amounts(wired: Wired, month: Month) -> dict[tuple[str, str], tuple[int, bool]]:
    return {
        (line["national_id"], line["kind"]): (line["amount_vnd"], line["needs_review"])
        for line in wired.lines(month)
    }


def test_the_month_is_generated_from_the_registry_events(
    feed: RegistryFeed, worker: WorkerRunner, payment_cluster: PaymentCluster, servers: Servers
) -> None:
    # 79 in July 2024, 80 in August: 5.5a 1.5 → 2.0 by the projected birth date alone
    turning_80 = feed.register(
        "Nguyễn Thị Tám", date(1944, 8, 10), CategoryRef("5.5a", "age_60_to_80"), "1.5"
    )
    # 85, dies on 15 August 2024: August in full and the funeral support, nothing after
    dying = feed.register("Trần Thị Chín", date(1939, 2, 1), CategoryRef("5.5a", "from_80"), "2.0")
    # a single parent of 2 children (the registry records the number, not their birth dates)
    parent = feed.register(
        "Phan Thị Mẹ", date(1988, 5, 5), CategoryRef("5.4", "per_child", children=2), "2.0"
    )
    assert feed.relay() >= 3
    wait_for(lambda: len(memberships(payment_cluster)) == 3)
    wired = Wired(payment_cluster, servers.redis_url)
    jul, aug, sep = Month(2024, 7), Month(2024, 8), Month(2024, 9)
    wired.generate(jul)

    feed.record_death(dying, date(2024, 8, 15))
    assert feed.relay() >= 1
    wait_for(lambda: memberships(payment_cluster)[dying][2] is not None)
    wired.generate(aug)
    wired.generate(sep)

    rows = projected(payment_cluster, "SELECT record_id, person_id FROM entitlement_memberships")
    ids = {str(record): str(person) for record, person in rows}
    tam, chin, me = ids[turning_80], ids[dying], ids[parent]
    july, august, september = amounts(wired, jul), amounts(wired, aug), amounts(wired, sep)
    assert july[tam, "regular"] == (750_000, False)  # 500,000 × 1.5
    assert july[chin, "regular"] == (1_000_000, False)  # 500,000 × 2.0
    assert july[me, "regular"] == (1_000_000, False)  # 5.4: 1.0 per child counted, 2 children
    assert august[tam, "regular"] == (1_000_000, True)  # 2.0 from the 80th-birthday month
    assert august[chin, "regular"] == (1_000_000, False)  # the month of death in full
    assert august[chin, "funeral"][0] == 10_000_000  # 20 × 500,000 (Art. 11.2)
    assert september[tam, "regular"] == (1_000_000, False)
    assert not [key for key in september if key[0] == chin]
    died = projected(payment_cluster, f"SELECT died_on FROM entitlement_persons "
                                      f"WHERE person_id = '{chin}'")  # fmt: skip
    assert died == [(date(2024, 8, 15),)]


def test_a_replay_from_offset_0_changes_nothing(
    feed: RegistryFeed, worker: WorkerRunner, payment_cluster: PaymentCluster, servers: Servers
) -> None:
    record = feed.register("Lê Thị Mười", date(1940, 1, 5), CategoryRef("5.5a", "from_80"), "2.0")
    feed.record_death(record, date(2024, 9, 3))
    sent = feed.relay()
    wait_for(lambda: memberships(payment_cluster).get(record, (0,))[0] == 2)
    everything = (
        "SELECT m.*, p.* FROM entitlement_memberships m JOIN entitlement_persons p "
        "USING (person_id) ORDER BY m.record_id"
    )
    before = projected(payment_cluster, everything)
    # every event again from offset 0 (a new group, its own inbox): the registration (version
    # 1) now arrives after the death (version 2) is projected, and is ignored by version
    shard = payment_cluster.router.shard_for(HANOI)
    replay = payment_worker(
        payment_cluster, feed.topic, servers.kafka_bootstrap, group="replay", shards=(shard,)
    )
    replay.start()
    try:
        wait_for(lambda: replay.total("processed") == sent)
    finally:
        replay.close()
    assert projected(payment_cluster, everything) == before
    assert memberships(payment_cluster)[record] == (2, "5.5a", date(2024, 9, 1))
