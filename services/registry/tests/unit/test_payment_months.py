"""Start and stop months (Decree 20/2021/NĐ-CP Art. 8)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.benefit import Disability
from registry.domain.category import CategoryRef
from registry.domain.commands import ChangeCoefficient, RecordDeath
from registry.domain.errors import InvalidRecord
from registry.domain.events import BeneficiaryDied
from registry.domain.months import Month
from registry.domain.rules import payment_months
from registry.domain.rules.payment_months import last_paid_month, start_month, stops_from

from .builders import HANOI_OFFICER, World, decision, disabled, person, register


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert payment_months.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 8"
    assert payment_months.START_LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 8.1.đ"


def test_default_start_is_the_month_the_decision_is_signed() -> None:
    start = start_month(CategoryRef("5.5a", "from_80"), person(), date(2025, 8, 20), None)
    assert start == Month(2025, 8)


@pytest.mark.parametrize(("code", "age"), [("5.5b", 75), ("5.5c", 80)])
def test_elderly_5_5b_and_5_5c_start_in_the_month_they_reach_the_age(code: str, age: int) -> None:
    someone = person(birth_date=date(2025 - age, 11, 30))
    start = start_month(CategoryRef(code), someone, date(2025, 8, 20), None)
    assert start == Month(2025, 11)


@pytest.mark.parametrize(("code", "age"), [("5.5b", 75), ("5.5c", 80)])
def test_5_5b_and_5_5c_start_at_the_birthday_even_when_decided_years_later(
    code: str, age: int
) -> None:
    """Art. 8.1.đ has no time limit: the months before the decision are arrears (truy lĩnh)."""
    someone = person(birth_date=date(2020 - age, 4, 17))
    start = start_month(CategoryRef(code), someone, date(2025, 8, 20), None)
    assert start == Month(2020, 4)


def test_a_late_5_5c_decision_registers_from_the_80th_birthday_month() -> None:
    world = World()
    someone = person(birth_date=date(1941, 2, 9))  # 80 in February 2021
    cmd = register(category=CategoryRef("5.5c"), coefficient=Decimal("1.0"), person=someone)
    rid = world.handle(cmd)
    assert world.stored("01", rid).state.start_month == Month(2021, 2)
    with pytest.raises(InvalidRecord) as exc:  # the decision month is not the start month
        world.handle(register(category=CategoryRef("5.5c"), coefficient=Decimal("1.0"),
                              person=person(birth_date=date(1941, 2, 9)),
                              start_month=Month(2025, 8)))  # fmt: skip
    assert exc.value.errors[0].field == "start_month"
    assert "Điều 8 khoản 1 điểm đ" in exc.value.errors[0].message


def test_disability_allowance_starts_in_the_month_of_the_certificate() -> None:
    disability = Disability("1", "2", certified_on=date(2025, 6, 3))
    start = start_month(CategoryRef("5.6", "severe"), person(), date(2025, 8, 20), disability)
    assert start == Month(2025, 6)


def test_payment_stops_from_the_month_after_the_event() -> None:
    assert last_paid_month(date(2025, 10, 31)) == Month(2025, 10)
    assert stops_from(date(2025, 12, 1)) == Month(2026, 1)


def test_registration_applies_the_start_rule_and_refuses_another_month() -> None:
    world = World()
    rid = world.handle(disabled())
    assert world.stored("01", rid).state.start_month == Month(2025, 6)
    with pytest.raises(InvalidRecord) as exc:
        world.handle(register(start_month=Month(2025, 1)))
    assert exc.value.errors[0].field == "start_month"


def test_death_last_paid_month_and_the_months_after() -> None:
    world = World()
    rid = world.handle(register())
    world.handle(
        RecordDeath(
            principal=HANOI_OFFICER, record_id=rid, province_code="01",
            died_on=date(2025, 10, 5), decision=decision(date(2025, 10, 20)),
        )
    )  # fmt: skip
    stored = world.stored("01", rid)
    assert [m for m in (Month(2025, 9), Month(2025, 10), Month(2025, 11)) if _paid(stored, m)] == [
        Month(2025, 9),
        Month(2025, 10),
    ]
    died = [e for e in world.cluster.outbox() if isinstance(e, BeneficiaryDied)]
    assert died[0].last_paid_month == Month(2025, 10)


def test_a_new_coefficient_applies_from_the_month_the_condition_is_met() -> None:
    world = World()
    rid = world.handle(register(category=CategoryRef("5.5a", "age_60_to_80"),
                                coefficient=Decimal("1.5"),
                                person=person(birth_date=date(1945, 11, 2))))  # fmt: skip
    world.handle(
        ChangeCoefficient(
            principal=HANOI_OFFICER, record_id=rid, province_code="01",
            coefficient=Decimal("2.0"), category=CategoryRef("5.5a", "from_80"),
            condition_met_on=date(2025, 11, 2), decision=decision(date(2025, 11, 20)),
        )
    )  # fmt: skip
    stored = world.stored("01", rid)
    october, november = stored.for_month(Month(2025, 10)), stored.for_month(Month(2025, 11))
    assert october is not None and october.coefficient == Decimal("1.5")
    assert november is not None and november.coefficient == Decimal("2.0")


def _paid(record: object, month: Month) -> bool:
    state = record.for_month(month)  # type: ignore[attr-defined]
    return state is not None and bool(state.paid_in(month))
