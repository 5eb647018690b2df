"""The unit of work rolls back unless committed and writes events to the outbox on commit."""

from __future__ import annotations

import pytest

from registry.domain.errors import DuplicateActiveRecord
from registry.domain.events import BeneficiaryRegistered, EntitlementChanged, MoveInRejected

from .builders import World, person, record, register


def test_commit_writes_state_index_and_events_together() -> None:
    world = World()
    rid = world.handle(register())
    shard = world.cluster.shard_of("01")
    assert rid in shard.records
    assert [type(e) for e in shard.outbox] == [BeneficiaryRegistered, EntitlementChanged]
    assert len(world.cluster.index_table) == 1
    assert shard.records[rid].events == []  # collected once


def test_without_commit_nothing_is_written() -> None:
    world = World()
    with world.cluster.uow("01") as uow:
        uow.records.add(record())
        uow.publish(
            MoveInRejected(
                record_id="x", province_code="01", version=1, move_id="m",
                destination_province_code="04", reason="test",
            )
        )  # fmt: skip
    shard = world.cluster.shard_of("01")
    assert (shard.records, shard.outbox, shard.commits) == ({}, [], 0)


def test_a_failing_use_case_leaves_no_trace() -> None:
    world = World()
    someone = person()
    world.handle(register(person=someone))
    before = (dict(world.cluster.shard_of("01").records), list(world.cluster.outbox()))
    with pytest.raises(DuplicateActiveRecord):
        world.handle(register(person=someone))
    after = (dict(world.cluster.shard_of("01").records), list(world.cluster.outbox()))
    assert before == after


def test_a_retried_registration_with_the_same_id_is_not_duplicated() -> None:
    world = World()
    first = world.handle(register(record_id="fixed-1"))
    again = world.handle(register(record_id="fixed-1"))
    assert first == again == "fixed-1"
    assert len(world.cluster.shard_of("01").records) == 1
