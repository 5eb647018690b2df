"""``explain(person, month)``: each part with its group, coefficient, standard level and legal
basis, in whole VND, and transitions flagged for review."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from payment.domain.explain import PartKind, explain
from payment.domain.model import (
    CareKind,
    CareSupportClaim,
    Child,
    DisabilityLevel,
    PovertyStatus,
)
from payment.domain.months import Month
from payment.domain.rules import poverty_condition

from .builders import DECISION, beneficiary, membership


def test_every_part_says_how_it_was_computed() -> None:
    parent = beneficiary(
        date(1960, 4, 1),  # 65: elderly, so 5.6 especially severe pays 2.5
        membership("5.6", level=DisabilityLevel.ESPECIALLY_SEVERE),
        care=(
            CareSupportClaim("c-1", CareKind.FAMILY_CARE, "hh-1", DECISION, Month(2024, 1)),
            CareSupportClaim("c-2", CareKind.DISABLED_PARENT, "b-1", DECISION, Month(2024, 1),
                             children=(Child(date(2024, 12, 1)),)),
        ),
    )  # fmt: skip
    e = explain(parent, Month(2025, 1))
    assert e.standard_level is not None and e.standard_level.amount == 500_000
    rows = [(p.kind, p.group, p.condition, p.coefficient, p.amount, p.payee_id) for p in e.parts]
    assert rows == [
        (PartKind.MONTHLY_ALLOWANCE, "5.6", "especially_severe_child_or_elderly",
         Decimal("2.5"), 1_250_000, "b-1"),
        (PartKind.CARE_SUPPORT, "C3", "default", Decimal("1.0"), 500_000, "hh-1"),
        (PartKind.CARE_SUPPORT, "C2", "pregnant_or_one_child", Decimal("1.5"), 750_000, "b-1"),
    ]  # fmt: skip
    assert [p.legal_basis for p in e.parts] == [
        "Decree 20/2021/NĐ-CP Art. 6.1.e",
        "Decree 20/2021/NĐ-CP Art. 20",
        "Decree 20/2021/NĐ-CP Art. 20",
    ]
    assert all(
        p.standard_level_basis and "Decree 76/2024" in p.standard_level_basis for p in e.parts
    )
    assert all(isinstance(p.amount, int) for p in e.parts)
    assert e.total == 2_500_000
    assert e.parts[0].description == (
        "Trợ cấp xã hội hằng tháng, diện 5.6: 500.000 đồng × hệ số 2.5"
    )


def test_a_month_with_nothing_owed_explains_nothing() -> None:
    e = explain(beneficiary(date(1990, 1, 1), membership("5.8", Month(2026, 1))), Month(2025, 1))
    assert (e.parts, e.total, e.standard_level) == ((), 0, None)


def test_amounts_are_whole_vnd_when_a_province_level_makes_them_fractional() -> None:
    from payment.domain.money import times

    assert times(412_345, Decimal("1.5")) == 618_518  # 618,517.5 rounded half up
    assert times(500_000, Decimal("2.5")) == 1_250_000


def test_a_household_that_left_poverty_is_flagged_but_still_paid_until_a_decision() -> None:
    """Decree 20/2021/NĐ-CP Art. 5 (5.5a needs a poor household); stopping needs a decision."""
    m = replace(membership("5.5a"), poverty=PovertyStatus.NEAR_POOR)
    e = explain(beneficiary(date(1940, 1, 1), m), Month(2025, 1))
    assert e.total == 1_000_000
    (note,) = e.findings
    assert note.startswith("Diện 5.5a yêu cầu hộ nghèo (Điều 5 Nghị định 20/2021/NĐ-CP)")
    near_poor_ok = replace(membership("5.5b"), poverty=PovertyStatus.NEAR_POOR)
    assert explain(beneficiary(date(1945, 1, 1), near_poor_ok), Month(2025, 1)).findings == ()
    assert poverty_condition.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 5"
