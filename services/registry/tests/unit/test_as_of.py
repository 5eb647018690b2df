"""As-of queries: the record as it stood on a date, by folding the history up to it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.category import CategoryRef
from registry.domain.commands import ChangeCoefficient, ChangeInformation, RecordDeath
from registry.domain.errors import RecordNotFound
from registry.domain.information import InformationUpdate
from registry.domain.status import RecordStatus
from registry.service_layer.queries import get_record

from .builders import HANOI_OFFICER, World, decision, person, register


@pytest.fixture
def world_and_record() -> tuple[World, str]:
    world = World()
    rid = world.handle(
        register(
            category=CategoryRef("5.5a", "age_60_to_80"), coefficient=Decimal("1.5"),
            person=person(birth_date=date(1945, 11, 2)),
        )
    )  # fmt: skip
    base = {"principal": HANOI_OFFICER, "record_id": rid, "province_code": "01"}
    world.handle(
        ChangeInformation(
            **base, update=InformationUpdate(address="Tổ 9"), effective_on=date(2025, 9, 20)
        )
    )
    world.handle(
        ChangeCoefficient(
            **base, coefficient=Decimal("2.0"), category=CategoryRef("5.5a", "from_80"),
            condition_met_on=date(2025, 11, 2), decision=decision(date(2025, 11, 10)),
        )
    )  # fmt: skip
    world.handle(
        RecordDeath(**base, died_on=date(2026, 2, 14), decision=decision(date(2026, 2, 20)))
    )
    return world, rid


def test_before_the_record_existed_there_is_nothing(world_and_record: tuple[World, str]) -> None:
    world, rid = world_and_record
    # in force from the first day of its start month (August: the decision month)
    assert world.stored("01", rid).as_of(date(2025, 7, 31)) is None
    assert world.stored("01", rid).as_of(date(2025, 8, 1)) is not None
    with pytest.raises(RecordNotFound):
        get_record(HANOI_OFFICER, "01", rid, world.deps, as_of=date(2025, 7, 1))


@pytest.mark.parametrize(
    ("day", "coefficient", "address", "status"),
    [
        (date(2025, 8, 20), "1.5", "Tổ 5", RecordStatus.ACTIVE),
        (date(2025, 9, 20), "1.5", "Tổ 9", RecordStatus.ACTIVE),
        (date(2025, 11, 2), "2.0", "Tổ 9", RecordStatus.ACTIVE),
        (date(2026, 2, 14), "2.0", "Tổ 9", RecordStatus.DECEASED),
    ],
)
def test_each_date_sees_the_changes_in_force_then(
    world_and_record: tuple[World, str], day: date, coefficient: str, address: str,
    status: RecordStatus,
) -> None:  # fmt: skip
    world, rid = world_and_record
    state = world.stored("01", rid).as_of(day)
    assert state is not None
    assert (state.coefficient, state.person.contact.address, state.status) == (
        Decimal(coefficient),
        address,
        status,
    )


def test_the_query_returns_state_findings_and_the_history_up_to_the_date(
    world_and_record: tuple[World, str],
) -> None:
    world, rid = world_and_record
    view = get_record(HANOI_OFFICER, "01", rid, world.deps, as_of=date(2025, 10, 1))
    assert view.state.coefficient == Decimal("1.5")
    assert len(view.history) == 2
    assert view.findings == ()
    now = get_record(HANOI_OFFICER, "01", rid, world.deps)
    assert now.state.status is RecordStatus.DECEASED and len(now.history) == 4
