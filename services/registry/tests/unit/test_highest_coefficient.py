"""Decree 20/2021/NĐ-CP Art. 6.2: only the highest is paid, except 5.4 + (5.5, 5.6, 5.8)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from registry.domain.category import CategoryRef
from registry.domain.commands import StopBenefit
from registry.domain.events import EntitlementChanged
from registry.domain.months import Month
from registry.domain.rules import highest_coefficient
from registry.domain.rules.highest_coefficient import Entitlement, select_paid
from registry.service_layer.queries import entitlement_for_month

from .builders import (
    HANOI_OFFICER,
    SINGLE_PARENT_2,
    World,
    decision,
    disabled,
    person,
    register,
)


def e(record_id: str, code: str, coefficient: str, children: int | None = None) -> Entitlement:
    return Entitlement(record_id, CategoryRef(code, children=children), Decimal(coefficient))


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert highest_coefficient.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 6.2"


def test_one_category_is_paid() -> None:
    selection = select_paid([e("a", "5.5a", "2.0")])
    assert [x.record_id for x in selection.paid] == ["a"]
    assert selection.coefficient == Decimal("2.0")


def test_several_categories_only_the_highest_is_paid() -> None:
    selection = select_paid([e("dis", "5.6", "1.5"), e("old", "5.5a", "2.0")])
    assert [x.record_id for x in selection.paid] == ["old"]
    assert [x.record_id for x in selection.unpaid] == ["dis"]
    assert selection.coefficient == Decimal("2.0")


def test_single_parent_also_disabled_gets_both() -> None:
    selection = select_paid([e("sp", "5.4", "2.0", 2), e("dis", "5.6", "1.5")])
    assert {x.record_id for x in selection.paid} == {"sp", "dis"}
    assert selection.coefficient == Decimal("3.5")


def test_single_parent_takes_only_the_highest_of_the_combinable_groups() -> None:
    selection = select_paid([e("sp", "5.4", "1.0", 1), e("c", "5.5c", "1.0"), e("d", "5.6", "1.5")])
    assert {x.record_id for x in selection.paid} == {"sp", "d"}
    assert [x.record_id for x in selection.unpaid] == ["c"]


def test_single_parent_with_a_group_outside_the_exception_gets_the_highest_only() -> None:
    selection = select_paid([e("sp", "5.4", "1.0", 1), e("hiv", "5.3", "2.0")])
    assert [x.record_id for x in selection.paid] == ["hiv"]


def test_ties_are_broken_by_record_id() -> None:
    selection = select_paid([e("b", "5.8", "1.5"), e("a", "5.6", "1.5")])
    assert [x.record_id for x in selection.paid] == ["a"]


def test_registering_a_second_category_pays_only_the_highest() -> None:
    world = World()
    someone = person()
    first = world.handle(register(person=someone))  # 5.5a, 2.0
    second = world.handle(disabled(person=someone))  # 5.6, 1.5
    changed = [ev for ev in world.cluster.outbox() if isinstance(ev, EntitlementChanged)]
    assert changed[-1].paid_record_ids == (first,)
    assert changed[-1].coefficient == Decimal("2.0")
    assert someone.personal_id is not None
    selection = entitlement_for_month(
        HANOI_OFFICER, "01", someone.personal_id, Month(2025, 9), world.deps
    )
    assert [x.record_id for x in selection.paid] == [first]
    assert [x.record_id for x in selection.unpaid] == [second]


def test_stopping_the_highest_pays_the_next_one() -> None:
    world = World()
    someone = person()
    first = world.handle(register(person=someone))
    second = world.handle(disabled(person=someone))
    world.handle(
        StopBenefit(
            principal=HANOI_OFFICER, record_id=first, province_code="01",
            stopped_on=date(2025, 10, 2), decision=decision(date(2025, 10, 5)),
            reason="Có người phụng dưỡng",
        )
    )  # fmt: skip
    last = [ev for ev in world.cluster.outbox() if isinstance(ev, EntitlementChanged)][-1]
    assert last.paid_record_ids == (second,)
    assert last.from_month == Month(2025, 11)
    assert someone.personal_id is not None
    october = entitlement_for_month(
        HANOI_OFFICER, "01", someone.personal_id, Month(2025, 10), world.deps
    )
    november = entitlement_for_month(
        HANOI_OFFICER, "01", someone.personal_id, Month(2025, 11), world.deps
    )
    assert [x.record_id for x in october.paid] == [first]
    assert [x.record_id for x in november.paid] == [second]


def test_single_parent_and_disability_are_both_paid_through_the_service() -> None:
    world = World()
    someone = person(birth_date=person().birth_date.replace(year=1985))
    sp = world.handle(register(person=someone, category=SINGLE_PARENT_2, coefficient=Decimal(2)))
    dis = world.handle(disabled(person=someone))
    last = [ev for ev in world.cluster.outbox() if isinstance(ev, EntitlementChanged)][-1]
    assert set(last.paid_record_ids) == {sp, dis}
    assert last.coefficient == Decimal("3.5")
