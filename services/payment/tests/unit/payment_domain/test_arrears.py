"""Arrears (truy lĩnh) from the decision's start month to the first month paid (Decree
20/2021/NĐ-CP Art. 8), each month at the level and coefficient in force then."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from payment.domain.explain import PartKind
from payment.domain.lines import monthly_line
from payment.domain.model import DecisionRef
from payment.domain.months import Month
from payment.domain.rules import arrears as arrears_module
from payment.domain.rules.arrears import arrears

from .builders import beneficiary, membership

MID_YEAR = DecisionRef("245/QĐ-UBND", date(2025, 6, 18))


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert arrears_module.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 8"
    assert arrears_module.VERIFIED is False


def test_a_decision_signed_mid_year_is_paid_with_arrears_in_the_first_list() -> None:
    """Signed in June, first listed in September: June, July and August are arrears."""
    person = beneficiary(date(1940, 1, 1), membership("5.5a", Month(2025, 6), decision=MID_YEAR))
    line = monthly_line(person, Month(2025, 9), first_paid=None)
    assert line is not None
    owed = [(p.kind, p.month, p.amount) for p in line.parts]
    assert owed == [
        (PartKind.MONTHLY_ALLOWANCE, None, 1_000_000),
        (PartKind.ARREARS, Month(2025, 6), 1_000_000),
        (PartKind.ARREARS, Month(2025, 7), 1_000_000),
        (PartKind.ARREARS, Month(2025, 8), 1_000_000),
    ]
    assert line.amount == 4_000_000
    assert line.parts[1].description.startswith("Truy lĩnh tháng 2025-06")
    assert line.parts[1].legal_basis.endswith("Decree 20/2021/NĐ-CP Art. 8")


def test_no_arrears_once_the_person_has_been_paid() -> None:
    person = beneficiary(date(1940, 1, 1), membership("5.5a", Month(2025, 6)))
    assert arrears(person, Month(2025, 10), first_paid=Month(2025, 9)) == ()
    assert arrears(person, Month(2025, 6), first_paid=None) == ()


def test_arrears_across_july_2024_use_the_level_of_each_month() -> None:
    person = beneficiary(date(1950, 1, 1), membership("5.5a", Month(2024, 5)))  # 1.5
    parts = arrears(person, Month(2024, 9), first_paid=None)
    assert [(p.month, p.standard_level, p.amount) for p in parts] == [
        (Month(2024, 5), 360_000, 540_000),
        (Month(2024, 6), 360_000, 540_000),
        (Month(2024, 7), 500_000, 750_000),
        (Month(2024, 8), 500_000, 750_000),
    ]


def test_arrears_of_a_5_5c_decided_late_start_at_the_80th_birthday() -> None:
    """Art. 8.1.đ: 5.5c from the month the person turns 80 (the registry's start month)."""
    person = beneficiary(date(1945, 3, 9), membership("5.5c", Month(2025, 3)))
    parts = arrears(person, Month(2025, 7), first_paid=None)
    assert [p.month for p in parts] == [Month(2025, m) for m in (3, 4, 5, 6)]
    assert sum(p.amount for p in parts) == 2_000_000


def test_arrears_follow_an_age_change_inside_the_arrears_months() -> None:
    person = beneficiary(date(2021, 5, 20), membership("5.1", Month(2025, 3)))
    parts = arrears(person, Month(2025, 7), first_paid=None)
    assert [(p.month, p.coefficient) for p in parts] == [
        (Month(2025, 3), Decimal("2.5")), (Month(2025, 4), Decimal("2.5")),
        (Month(2025, 5), Decimal("1.5")), (Month(2025, 6), Decimal("1.5")),
    ]  # fmt: skip


def test_regenerating_the_first_month_paid_gives_the_same_arrears() -> None:
    person = beneficiary(date(1940, 1, 1), membership("5.5a", Month(2025, 6)))
    first = arrears(person, Month(2025, 9), first_paid=None)
    again = arrears(person, Month(2025, 9), first_paid=Month(2025, 9))
    assert first == again and len(first) == 3
