"""The move saga between two province shards over the real Kafka broker.

Hà Nội (shard s1) → Cao Bằng (shard s2): outbox relays publish each shard's events, one
worker per shard consumes them with its inbox. At the end exactly one active record exists,
in the new province, carrying the whole history, and the global index points at it.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from ansinh_common.messaging import OutboxRelay, create_idempotent_producer
from ansinh_common.testing import Servers
from registry.adapters.unit_of_work import SqlAlchemyUnitOfWork
from registry.bootstrap import bootstrap, build_worker
from registry.config import RegistrySettings
from registry.domain.changes import ChangeKind
from registry.domain.commands import ChangeInformation, RequestMove
from registry.domain.information import InformationUpdate
from registry.domain.move import MoveStage
from registry.domain.status import RecordStatus

from .support import CAO_BANG, HANOI_OFFICER, Cluster, decision, register, scalar

pytestmark = pytest.mark.integration


@contextmanager
def running(cluster: Cluster, servers: Servers, topic: str) -> Iterator[None]:
    """Relays for every shard database and the registry worker (one consumer per shard)."""
    stop = threading.Event()
    threads: list[threading.Thread] = []
    for shard in cluster.router.shards():
        relay = OutboxRelay(
            cluster.router.engine(shard),
            lambda: create_idempotent_producer(servers.kafka_bootstrap),
            batch_size=50,
        )
        threads.append(threading.Thread(target=relay.run, args=(stop, 0.1), daemon=True))
    settings = RegistrySettings(
        beneficiary_topic=topic,
        kafka_bootstrap=servers.kafka_bootstrap,
        consumer_group=f"test-registry-{uuid.uuid4().hex[:8]}",
    )
    worker = build_worker(settings, router=cluster.router)
    threads.append(threading.Thread(target=worker.run, daemon=True))
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        worker.stop()
        for thread in threads:
            thread.join(timeout=30)
    assert worker.total("retries") == 0  # no event needed a second attempt (issue 10)


def wait_for(check: Callable[[], bool], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError("the saga did not finish in time")


def test_a_move_between_provinces_leaves_one_active_record_with_the_full_history(
    cluster: Cluster, servers: Servers, make_topic: Callable[..., str]
) -> None:
    topic = make_topic(3)
    settings = RegistrySettings(beneficiary_topic=topic)
    app = bootstrap(settings, router=cluster.router)
    cmd = register()
    pid = cmd.person.personal_id
    old_id = app.bus.handle(cmd)
    app.bus.handle(
        ChangeInformation(
            principal=HANOI_OFFICER, record_id=old_id, province_code="01",
            update=InformationUpdate(full_name="Nguyễn Thị Ân"), effective_on=date(2025, 9, 5),
        )
    )  # fmt: skip
    move_id = app.bus.handle(
        RequestMove(
            principal=HANOI_OFFICER, record_id=old_id, province_code="01",
            destination=CAO_BANG, effective_on=date(2025, 10, 15),
            move_out_decision=decision(date(2025, 10, 10), "50/QĐ-UBND"),
            move_in_decision=decision(date(2025, 10, 12), "7/QĐ-UBND"),
        )
    )  # fmt: skip
    s1, s2, s3 = (cluster.shard_urls[s] for s in ("s1", "s2", "s3"))

    def completed() -> bool:
        stage = scalar(
            s1, "SELECT move->>'stage' FROM beneficiary_records WHERE record_id = :r", r=old_id
        )
        index = scalar(
            cluster.global_url,
            "SELECT province_code FROM active_index "
            "WHERE personal_id = :p AND active AND confirmed",
            p=pid,
        )
        return bool(stage == MoveStage.COMPLETED.value and index == "04")

    with running(cluster, servers, topic):
        wait_for(completed)

    new_id = scalar(
        s2,
        "SELECT record_id FROM record_changes WHERE move_id = :m AND kind = 'move_in'",
        m=move_id,
    )
    assert new_id is not None and new_id != old_id
    active_sql = (
        "SELECT count(*) FROM persons p JOIN beneficiary_records r USING (record_id) "
        "WHERE p.personal_id = :p AND r.status = 'active'"
    )
    active = {
        shard: scalar(url, active_sql, p=pid) for shard, url in (("s1", s1), ("s2", s2), ("s3", s3))
    }
    assert active == {"s1": 0, "s2": 1, "s3": 0}

    with SqlAlchemyUnitOfWork(cluster.router, "01", topic=topic) as uow:
        old = uow.records.get(old_id)
    with SqlAlchemyUnitOfWork(cluster.router, "04", topic=topic) as uow:
        new = uow.records.get(new_id)
    assert old is not None and new is not None
    assert old.state.status is RecordStatus.MOVED_OUT
    assert old.move is not None and old.move.new_record_id == new_id
    assert new.state.active and new.state.person.residence == CAO_BANG
    assert new.state.person.full_name == "Nguyễn Thị Ân"
    assert new.history[: len(old.history)] == old.history  # every change travelled, unchanged
    assert [c.kind for c in new.history] == [
        ChangeKind.NEW, ChangeKind.INFORMATION, ChangeKind.MOVE_OUT, ChangeKind.MOVE_IN,
    ]  # fmt: skip
    entry = scalar(
        cluster.global_url,
        "SELECT record_id FROM active_index WHERE personal_id = :p AND active",
        p=pid,
    )
    assert entry == new_id
    # the events of both ends went through the outbox of their own shard
    moved_out = scalar(s1, "SELECT count(*) FROM outbox WHERE type LIKE '%BeneficiaryMovedOut'")
    moved_in = scalar(s2, "SELECT count(*) FROM outbox WHERE type LIKE '%BeneficiaryMovedIn'")
    assert (moved_out, moved_in) == (1, 1)
