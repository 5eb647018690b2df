"""At most one active record per (person, category) nationwide, through the global index."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.commands import ChangeCoefficient, ChangeInformation, RecordDeath
from registry.domain.errors import ActiveInAnotherProvince, DuplicateActiveRecord
from registry.domain.information import InformationUpdate
from registry.domain.rules import one_active_per_category
from registry.domain.rules.one_active_per_category import IndexEntry, check_can_register

from .builders import (
    CAO_BANG,
    CAO_BANG_OFFICER,
    ELDERLY_80,
    HANOI_OFFICER,
    World,
    decision,
    disabled,
    person,
    register,
)
from .fakes import FakeGlobalIndex


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert "Decree 20/2021/NĐ-CP" in one_active_per_category.LEGAL_BASIS


def test_rule_against_index_entries() -> None:
    held = [IndexEntry("001150000001", "5.5a", "01", "r1")]
    with pytest.raises(DuplicateActiveRecord):
        check_can_register(held, "5.5a", "01")
    with pytest.raises(ActiveInAnotherProvince):
        check_can_register(held, "5.6", "04")
    check_can_register(held, "5.6", "01")
    check_can_register(held, "5.5a", "01", record_id="r1")  # the record itself


def test_same_category_twice_in_one_province_is_refused() -> None:
    world = World()
    someone = person()
    world.handle(register(person=someone))
    with pytest.raises(DuplicateActiveRecord):
        world.handle(register(person=someone))


def test_same_category_in_another_province_and_shard_is_refused() -> None:
    world = World()
    someone = person()
    world.handle(register(person=someone))
    elsewhere = person(personal_id=someone.personal_id, residence=CAO_BANG)
    with pytest.raises(DuplicateActiveRecord) as exc:
        world.handle(register(principal=CAO_BANG_OFFICER, person=elsewhere))
    assert "tỉnh 01" in exc.value.detail
    assert world.cluster.shard_of("04").records == {}


def test_another_category_in_another_province_means_a_move() -> None:
    world = World()
    someone = person()
    world.handle(register(person=someone))
    elsewhere = person(personal_id=someone.personal_id, residence=CAO_BANG)
    with pytest.raises(ActiveInAnotherProvince):
        world.handle(disabled(principal=CAO_BANG_OFFICER, person=elsewhere))


def test_after_death_the_index_entry_is_released() -> None:
    world = World()
    someone = person()
    rid = world.handle(register(person=someone))
    world.handle(
        RecordDeath(
            principal=HANOI_OFFICER, record_id=rid, province_code="01",
            died_on=date(2025, 9, 3), decision=decision(date(2025, 9, 10)),
        )
    )  # fmt: skip
    assert world.cluster.index_table == {}


def test_a_missing_id_is_not_indexed_and_filling_it_in_finds_the_duplicate() -> None:
    world = World()
    someone = person()
    world.handle(register(person=someone))
    anonymous = world.handle(register(person=person(personal_id=None)))
    assert len(world.cluster.index_table) == 1
    with pytest.raises(DuplicateActiveRecord):
        world.handle(
            ChangeInformation(
                principal=HANOI_OFFICER, record_id=anonymous, province_code="01",
                update=InformationUpdate(personal_id=someone.personal_id),
                effective_on=date(2025, 9, 12),
            )
        )  # fmt: skip
    assert world.stored("01", anonymous).personal_id is None


def test_a_corrected_id_moves_the_index_entry() -> None:
    world = World()
    rid = world.handle(register())
    new_id = person().personal_id
    assert new_id is not None
    world.handle(
        ChangeInformation(
            principal=HANOI_OFFICER, record_id=rid, province_code="01",
            update=InformationUpdate(personal_id=new_id), effective_on=date(2025, 9, 12),
        )
    )  # fmt: skip
    assert list(world.cluster.index_table) == [(new_id, ELDERLY_80.code)]


def test_a_category_change_rekeys_and_is_checked() -> None:
    world = World()
    someone = person()
    elderly = world.handle(register(person=someone))
    world.handle(disabled(person=someone))
    with pytest.raises(DuplicateActiveRecord):
        world.handle(
            ChangeCoefficient(
                principal=HANOI_OFFICER, record_id=elderly, province_code="01",
                coefficient=Decimal("1.5"), category=disabled().category,
                disability=disabled().disability, condition_met_on=date(2025, 9, 1),
                decision=decision(date(2025, 9, 5)),
            )
        )  # fmt: skip


def test_the_index_itself_refuses_a_second_holder() -> None:
    table: dict[tuple[str, str], IndexEntry] = {}
    index = FakeGlobalIndex(table)
    index.claim(IndexEntry("p", "5.6", "01", "r1"))
    index.claim(IndexEntry("p", "5.6", "01", "r1"))  # idempotent for the same record
    with pytest.raises(DuplicateActiveRecord):
        index.claim(IndexEntry("p", "5.6", "04", "r2"))
