"""Records, history, outbox and global index against real PostgreSQL shards."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from registry.adapters.global_index import SqlGlobalIndex
from registry.adapters.unit_of_work import SqlAlchemyUnitOfWork
from registry.domain.commands import RecordDeath
from registry.domain.errors import DuplicateActiveRecord, VersionConflict
from registry.domain.status import RecordStatus
from registry.service_layer import queries
from registry.service_layer.global_index import IndexEntry

from .support import (
    CAO_BANG,
    CAO_BANG_OFFICER,
    HANOI_OFFICER,
    Cluster,
    decision,
    person,
    register,
    scalar,
)

pytestmark = pytest.mark.integration
TOPIC = "ansinh.registry.beneficiary.v1"


def test_a_registered_record_reloads_with_its_history_events_and_index(cluster: Cluster) -> None:
    bus = cluster.bus()
    cmd = register()
    record_id = bus.handle(cmd)

    uow = SqlAlchemyUnitOfWork(cluster.router, "01", topic=TOPIC)
    with uow:
        record = uow.records.get(record_id)
    assert record is not None
    assert record.history[0].person == cmd.person  # type: ignore[union-attr]
    assert record.state.category == cmd.category and record.version == 1

    s1 = cluster.shard_urls["s1"]
    assert scalar(s1, "SELECT count(*) FROM record_changes WHERE record_id = :r", r=record_id) == 1
    types = scalar(s1, "SELECT string_agg(type, ',' ORDER BY id) FROM outbox")
    assert types == (
        "ansinh.registry.v1.BeneficiaryRegistered,ansinh.registry.v1.EntitlementChanged"
    )
    assert scalar(s1, "SELECT count(DISTINCT key) FROM outbox") == 1
    row = scalar(
        cluster.global_url,
        "SELECT province_code || '/' || record_id || '/' || active || '/' || confirmed "
        "FROM active_index WHERE personal_id = :p",
        p=cmd.person.personal_id,
    )
    assert row == f"01/{record_id}/true/true"
    name = scalar(s1, "SELECT name_folded FROM persons WHERE record_id = :r", r=record_id)
    assert name == "nguyen thi an"


def test_history_rows_cannot_be_updated_deleted_or_truncated(cluster: Cluster) -> None:
    cluster.bus().handle(register())
    engine = sa.create_engine(cluster.shard_urls["s1"], poolclass=NullPool)
    try:
        for sql in (
            "UPDATE record_changes SET reason = 'sửa'",
            "DELETE FROM record_changes",
            "TRUNCATE record_changes CASCADE",
        ):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(sa.text(sql))
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM record_changes")).scalar() == 1
    finally:
        engine.dispose()


def test_the_same_person_cannot_be_active_twice_in_one_category_across_shards(
    cluster: Cluster,
) -> None:
    bus = cluster.bus()
    first = register()
    record_id = bus.handle(first)
    moved = replace(first.person, residence=CAO_BANG)
    with pytest.raises(DuplicateActiveRecord) as refused:
        bus.handle(register(principal=CAO_BANG_OFFICER, person=moved))
    assert record_id in refused.value.detail
    assert scalar(cluster.shard_urls["s2"], "SELECT count(*) FROM beneficiary_records") == 0


def test_the_unique_index_refuses_a_claim_the_first_check_did_not_see(cluster: Cluster) -> None:
    """Two provinces at the same moment: both looked (nothing there), both claim."""
    engine = cluster.router.global_engine()
    hanoi, cao_bang = SqlGlobalIndex(engine), SqlGlobalIndex(engine)
    pid = person().personal_id
    assert pid is not None
    cao_bang.prefetch([pid])  # looked before Hà Nội claimed
    hanoi.claim(IndexEntry(pid, "5.5a", "01", "rec-hn"))
    with pytest.raises(DuplicateActiveRecord, match="rec-hn"):
        cao_bang.claim(IndexEntry(pid, "5.5a", "04", "rec-cb"))
    hanoi.abort()
    assert scalar(cluster.global_url, "SELECT count(*) FROM active_index WHERE active") == 0


def test_death_releases_the_index_after_the_shard_commit(cluster: Cluster) -> None:
    bus = cluster.bus()
    cmd = register()
    record_id = bus.handle(cmd)
    bus.handle(
        RecordDeath(
            principal=HANOI_OFFICER, record_id=record_id, province_code="01",
            died_on=date(2025, 9, 2), decision=decision(date(2025, 9, 10), "9/QĐ"),
        )
    )  # fmt: skip
    view = queries.get_record(HANOI_OFFICER, "01", record_id, _deps(cluster))
    assert view.state.status is RecordStatus.DECEASED and view.version == 2
    active = scalar(
        cluster.global_url,
        "SELECT bool_or(active) FROM active_index WHERE personal_id = :p",
        p=cmd.person.personal_id,
    )
    assert active is False


def test_a_stale_record_is_refused_with_a_version_conflict(cluster: Cluster) -> None:
    bus = cluster.bus()
    record_id = bus.handle(register())
    stale = SqlAlchemyUnitOfWork(cluster.router, "01", topic=TOPIC)
    with stale:
        record = stale.records.get(record_id)
        assert record is not None
        bus.handle(
            RecordDeath(
                principal=HANOI_OFFICER, record_id=record_id, province_code="01",
                died_on=date(2025, 9, 2), decision=decision(date(2025, 9, 10), "9/QĐ"),
            )
        )  # fmt: skip
        from registry.domain.actor import Actor
        from registry.domain.changes import Stop

        record.record_change(
            Stop(
                effective_on=date(2025, 9, 1), reason="Thôi hưởng", actor=Actor("a", "a"),
                recorded_at=record.history[0].recorded_at, decision=decision(),
            )
        )  # fmt: skip
        with pytest.raises(VersionConflict):
            stale.commit()
    history = scalar(cluster.shard_urls["s1"], "SELECT count(*) FROM record_changes")
    assert history == 2  # registration + death; the stale stop wrote nothing


def _deps(cluster: Cluster):  # type: ignore[no-untyped-def]
    from ansinh_common.authz import CatalogUnitTree
    from registry.adapters.unit_of_work import uow_factory
    from registry.service_layer.access import Access
    from registry.service_layer.dependencies import Dependencies

    return Dependencies(uow_factory(cluster.router, TOPIC), Access(CatalogUnitTree()))
