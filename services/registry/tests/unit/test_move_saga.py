"""The move between provinces as a saga over events, each step with fakes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from registry.domain.changes import ChangeKind
from registry.domain.commands import RecordDeath, RequestMove
from registry.domain.errors import ChangeNotAllowed
from registry.domain.events import (
    BeneficiaryMovedIn,
    BeneficiaryMovedOut,
    EntitlementChanged,
    Event,
    MoveCancelled,
    MoveCompleted,
    MoveInRejected,
    MoveRequested,
    handled_in,
)
from registry.domain.model import BeneficiaryRecord
from registry.domain.months import Month
from registry.domain.move import MoveStage
from registry.domain.person import Residence
from registry.domain.rules.one_active_per_category import IndexEntry
from registry.domain.status import RecordStatus

from .builders import (
    CAO_BANG,
    CAO_BANG_OFFICER,
    HANOI_2,
    HANOI_OFFICER,
    HCMC,
    World,
    decision,
    person,
    register,
)

MOVE_DAY = date(2025, 10, 10)
MOVE_IN_DECISION = decision(date(2025, 10, 15), "77/QĐ-UBND")


def request(rid: str, destination: Residence = CAO_BANG) -> RequestMove:
    return RequestMove(
        principal=HANOI_OFFICER, record_id=rid, province_code="01",
        destination=destination, effective_on=MOVE_DAY,
        move_out_decision=decision(date(2025, 10, 8), "50/QĐ-UBND"),
        move_in_decision=MOVE_IN_DECISION,
    )  # fmt: skip


@pytest.fixture
def moved() -> tuple[World, str, str, list[Event]]:
    """A record registered in Hà Nội (shard s1) and moved to Cao Bằng (shard s2)."""
    world = World()
    someone = person()
    rid = world.handle(register(person=someone))
    world.cluster.take_outbox()
    move_id = world.handle(request(rid))
    delivered = world.relay()
    return world, rid, move_id, delivered


def _new_record(world: World) -> BeneficiaryRecord:
    (record,) = world.cluster.shard_of("04").records.values()
    return record


def test_the_saga_runs_its_steps_in_order(moved: tuple[World, str, str, list[Event]]) -> None:
    _, _, _, delivered = moved
    saga = [type(e) for e in delivered if not isinstance(e, EntitlementChanged)]
    assert saga == [MoveRequested, BeneficiaryMovedOut, BeneficiaryMovedIn, MoveCompleted]


def test_the_old_province_stops_and_points_at_the_new_record(
    moved: tuple[World, str, str, list[Event]],
) -> None:
    world, rid, move_id, _ = moved
    old = world.stored("01", rid)
    new = _new_record(world)
    assert old.state.status is RecordStatus.MOVED_OUT
    assert old.state.end_month == Month(2025, 10)
    assert old.move is not None and old.move.stage is MoveStage.COMPLETED
    assert (old.move.move_id, old.move.new_record_id, old.move.new_province_code) == (
        move_id,
        new.record_id,
        "04",
    )


def test_the_new_province_gets_the_whole_history_plus_move_in(
    moved: tuple[World, str, str, list[Event]],
) -> None:
    world, rid, _, _ = moved
    old, new = world.stored("01", rid), _new_record(world)
    assert new.history[: len(old.history)] == old.history
    assert [c.kind for c in new.history] == [
        ChangeKind.NEW,
        ChangeKind.MOVE_OUT,
        ChangeKind.MOVE_IN,
    ]
    assert new.state.status is RecordStatus.ACTIVE
    assert new.state.person.residence == CAO_BANG
    assert new.state.decision == MOVE_IN_DECISION
    assert new.province_code == "04"
    assert new.as_of(date(2025, 9, 1)).person.residence.province_code == "01"  # type: ignore[union-attr]


def test_no_month_is_paid_twice_or_missed(moved: tuple[World, str, str, list[Event]]) -> None:
    world, rid, _, _ = moved
    old, new = world.stored("01", rid), _new_record(world)
    for month, old_pays, new_pays in [
        (Month(2025, 10), True, False),
        (Month(2025, 11), False, True),
    ]:
        old_state, new_state = old.for_month(month), new.for_month(month)
        assert old_state is not None and old_state.paid_in(month) is old_pays
        assert new_state is not None and new_state.paid_in(month) is new_pays


def test_the_global_index_follows_the_record(moved: tuple[World, str, str, list[Event]]) -> None:
    world, _, _, _ = moved
    new = _new_record(world)
    (entry,) = world.cluster.index_table.values()
    assert (entry.province_code, entry.record_id) == ("04", new.record_id)


def test_the_moved_out_event_carries_the_full_history(
    moved: tuple[World, str, str, list[Event]],
) -> None:
    world, rid, _, delivered = moved
    (out,) = [e for e in delivered if isinstance(e, BeneficiaryMovedOut)]
    assert out.history == world.stored("01", rid).history
    assert out.history[-1].kind is ChangeKind.MOVE_OUT


def test_step_one_only_requests() -> None:
    world = World()
    rid = world.handle(register())
    world.cluster.take_outbox()
    world.handle(request(rid))
    events = world.cluster.take_outbox()
    assert [type(e) for e in events] == [MoveRequested]
    stored = world.stored("01", rid)
    assert stored.state.active and stored.move is not None
    assert stored.move.stage is MoveStage.REQUESTED
    with pytest.raises(ChangeNotAllowed):
        world.handle(request(rid))  # one open move at a time


def test_a_retried_request_with_the_same_move_id_changes_nothing() -> None:
    world = World()
    rid = world.handle(register())
    world.cluster.take_outbox()
    first = replace(request(rid), move_id="move-1")
    assert world.handle(first) == "move-1"
    assert [type(e) for e in world.cluster.take_outbox()] == [MoveRequested]
    assert world.handle(first) == "move-1"  # the client retried: same id, no second event
    assert world.cluster.take_outbox() == []
    with pytest.raises(ChangeNotAllowed):  # another move while this one is open
        world.handle(replace(request(rid), move_id="move-2"))


def test_every_step_is_idempotent() -> None:
    world = World()
    rid = world.handle(register())
    world.cluster.take_outbox()
    world.handle(request(rid))
    (requested,) = world.cluster.take_outbox()
    world.handle(requested)
    world.handle(requested)  # redelivered
    moved_out = [e for e in world.cluster.take_outbox() if isinstance(e, BeneficiaryMovedOut)]
    assert len(moved_out) == 1
    world.handle(moved_out[0])
    world.handle(moved_out[0])
    assert len(world.cluster.shard_of("04").records) == 1
    moved_in = [e for e in world.cluster.take_outbox() if isinstance(e, BeneficiaryMovedIn)]
    world.handle(moved_in[0])
    world.handle(moved_in[0])
    assert [type(e) for e in world.cluster.take_outbox()] == [MoveCompleted]
    assert len(world.stored("01", rid).history) == 2


def test_the_destination_refuses_and_the_origin_compensates() -> None:
    world = World()
    someone = person()
    rid = world.handle(register(person=someone))
    assert someone.personal_id is not None
    world.cluster.take_outbox()
    world.handle(request(rid))
    # meanwhile another record of the same person and category appears (e.g. concurrent
    # registration in the destination) — the index now names a different record
    world.cluster.index_table[(someone.personal_id, "5.5a")] = IndexEntry(
        someone.personal_id, "5.5a", "04", "intruder"
    )
    delivered = world.relay()
    kinds = [type(e) for e in delivered if not isinstance(e, EntitlementChanged)]
    assert kinds == [MoveRequested, BeneficiaryMovedOut, MoveInRejected, MoveCancelled]
    stored = world.stored("01", rid)
    assert stored.state.status is RecordStatus.ACTIVE and stored.state.end_month is None
    assert stored.move is not None and stored.move.stage is MoveStage.CANCELLED
    assert [c.kind for c in stored.history][-2:] == [ChangeKind.MOVE_OUT, ChangeKind.MOVE_CANCELLED]
    assert world.cluster.shard_of("04").records == {}


def test_a_death_before_the_move_out_cancels_the_move() -> None:
    world = World()
    rid = world.handle(register())
    world.handle(request(rid))
    world.handle(
        RecordDeath(
            principal=HANOI_OFFICER, record_id=rid, province_code="01",
            died_on=date(2025, 10, 1), decision=decision(date(2025, 10, 3)),
        )
    )  # fmt: skip
    delivered = world.relay()
    assert MoveCancelled in {type(e) for e in delivered}
    stored = world.stored("01", rid)
    assert stored.state.status is RecordStatus.DECEASED
    assert stored.move is not None and stored.move.stage is MoveStage.CANCELLED
    assert world.cluster.shard_of("04").records == {}


def test_a_move_between_provinces_of_the_same_shard() -> None:
    world = World()
    rid = world.handle(register(person=person(residence=CAO_BANG), principal=CAO_BANG_OFFICER))
    world.handle(
        RequestMove(
            principal=CAO_BANG_OFFICER, record_id=rid, province_code="04", destination=HCMC,
            effective_on=MOVE_DAY, move_out_decision=decision(), move_in_decision=decision(),
        )
    )  # fmt: skip
    world.relay()
    shard = world.cluster.shard_of("79")
    assert shard is world.cluster.shard_of("04")
    statuses = {r.province_code: r.state.status for r in shard.records.values()}
    assert statuses == {"04": RecordStatus.MOVED_OUT, "79": RecordStatus.ACTIVE}


def test_the_destination_must_differ_from_the_current_residence() -> None:
    world = World()
    rid = world.handle(register(person=person(residence=HANOI_2)))
    with pytest.raises(ChangeNotAllowed):
        world.handle(request(rid, destination=HANOI_2))


def test_each_saga_event_names_the_province_that_acts_on_it(
    moved: tuple[World, str, str, list[Event]],
) -> None:
    _, _, _, delivered = moved
    acting = [
        (type(e).__name__, handled_in(e))
        for e in delivered
        if not isinstance(e, EntitlementChanged)
    ]
    assert acting == [
        ("MoveRequested", "01"),
        ("BeneficiaryMovedOut", "04"),
        ("BeneficiaryMovedIn", "01"),
        ("MoveCompleted", "01"),
    ]
