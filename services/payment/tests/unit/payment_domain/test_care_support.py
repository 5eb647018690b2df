"""Care support (Decree 20/2021/NĐ-CP Art. 20), including C2 paid on top of a disabled parent's
own 5.6 allowance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from payment.domain.explain import PartKind, explain
from payment.domain.model import CareKind, CareSupportClaim, Child, DisabilityLevel, Membership
from payment.domain.months import Month
from payment.domain.rules import care_support
from payment.domain.rules.care_support import care_coefficient, one_per_couple

from .builders import DECISION, beneficiary, membership

JAN_2025 = Month(2025, 1)


def claim(
    kind: CareKind,
    payee: str = "household-7",
    children: tuple[Child, ...] = (),
    pregnant: tuple[Month, Month] | None = None,
    claim_id: str | None = None,
) -> CareSupportClaim:
    start, end = pregnant or (None, None)
    return CareSupportClaim(
        claim_id or f"c-{kind.value}", kind, payee, DECISION, Month(2024, 1),
        pregnant_from=start, pregnant_through=end, children=children,
    )  # fmt: skip


def coefficient_of(c: CareSupportClaim, born: date, ms: tuple[Membership, ...], m: Month) -> float:
    found = care_coefficient(c, born, ms, m)
    assert found is not None
    return float(found.coefficient)


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert care_support.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 20"


def test_care_support_paid_on_top_of_a_disabled_parents_own_allowance() -> None:
    parent = beneficiary(
        date(1995, 4, 1),
        membership("5.6", level=DisabilityLevel.SEVERE),
        care=(claim(CareKind.DISABLED_PARENT, "b-1", (Child(date(2024, 3, 1)),)),),
    )
    e = explain(parent, JAN_2025)
    assert [(p.kind, p.coefficient, p.amount) for p in e.parts] == [
        (PartKind.MONTHLY_ALLOWANCE, Decimal("1.5"), 750_000),
        (PartKind.CARE_SUPPORT, Decimal("1.5"), 750_000),
    ]
    assert e.total == 1_500_000
    assert e.parts[1].legal_basis == "Decree 20/2021/NĐ-CP Art. 20"
    assert e.parts[1].payee_id == "b-1"


def test_c2_pregnant_and_raising_one_child_is_2_0_and_ends_at_36_months() -> None:
    c = claim(
        CareKind.DISABLED_PARENT, "b-1", (Child(date(2023, 2, 10)),),
        (Month(2025, 3), Month(2025, 9)),
    )  # fmt: skip
    ms = (membership("5.6", level=DisabilityLevel.ESPECIALLY_SEVERE),)
    born = date(1995, 4, 1)
    assert coefficient_of(c, born, ms, Month(2025, 1)) == 1.5
    assert coefficient_of(c, born, ms, Month(2025, 3)) == 2.0
    assert coefficient_of(c, born, ms, Month(2025, 10)) == 1.5  # the pregnancy ended in Sep
    assert coefficient_of(c, born, ms, Month(2026, 1)) == 1.5  # 35 months
    assert care_coefficient(c, born, ms, Month(2026, 2)) is None  # 36 months in Feb 2026


def test_c2_as_the_decision_counts_it_is_paid_while_the_claim_stands() -> None:
    """The registry records the decision's condition, not the children (ADR 0033): children
    without a birth date, counted while the claim stands; the end comes with the registry's
    decision (the claim's last month), not from a birth date."""
    born, ms = date(1995, 4, 1), (membership("5.6", level=DisabilityLevel.SEVERE),)
    one = claim(CareKind.DISABLED_PARENT, "b-1", (Child(None),))
    two = claim(CareKind.DISABLED_PARENT, "b-1", (Child(None), Child(None)))
    assert care_support.DECIDED_CHILDREN == {
        "pregnant_or_one_child": 1, "pregnant_and_one_child_or_two_plus": 2,
    }  # fmt: skip
    assert coefficient_of(one, born, ms, JAN_2025) == 1.5
    assert coefficient_of(two, born, ms, JAN_2025) == 2.0
    assert coefficient_of(one, born, ms, Month(2030, 1)) == 1.5  # no birth date: no 36 months
    ended = replace(one, end_month=Month(2025, 6))
    assert coefficient_of(ended, born, ms, Month(2025, 6)) == 1.5
    assert care_coefficient(ended, born, ms, Month(2025, 7)) is None


def test_c2_needs_a_severe_disability() -> None:
    c = claim(CareKind.DISABLED_PARENT, "b-1", (Child(date(2024, 3, 1)),))
    mild = (membership("5.6", level=DisabilityLevel.MILD),)
    assert care_coefficient(c, date(1995, 4, 1), mild, JAN_2025) is None


def test_c1_fostering_a_5_1_child_follows_the_childs_age() -> None:
    child = beneficiary(
        date(2021, 5, 20), membership("5.1"), care=(claim(CareKind.FOSTERING, "hh-9"),)
    )
    april, may = explain(child, Month(2025, 4)), explain(child, Month(2025, 5))
    assert [(p.kind.value, p.amount, p.payee_id) for p in april.parts] == [
        ("monthly_allowance", 1_250_000, "b-1"), ("care_support", 1_250_000, "hh-9"),
    ]  # fmt: skip
    assert may.total == 750_000 + 750_000
    assert len(may.transitions) == 2  # both the allowance and the care support changed


def test_c1_fostering_a_5_5d_elderly_person_is_1_5() -> None:
    old = beneficiary(
        date(1950, 1, 1), membership("5.5d"), care=(claim(CareKind.FOSTERING, "hh-9"),)
    )
    assert explain(old, JAN_2025).total == 1_500_000 + 750_000


def test_c3_and_c4_need_an_especially_severe_disability() -> None:
    severe = (membership("5.6", level=DisabilityLevel.SEVERE),)
    worst = (membership("5.6", level=DisabilityLevel.ESPECIALLY_SEVERE),)
    born = date(1990, 1, 1)
    assert care_coefficient(claim(CareKind.FAMILY_CARE), born, severe, JAN_2025) is None
    c3 = care_coefficient(claim(CareKind.FAMILY_CARE), born, worst, JAN_2025)
    assert c3 is not None and c3.coefficient == 1


def test_c4_fostering_moves_from_child_2_5_to_adult_1_5_at_16() -> None:
    worst = (membership("5.6", level=DisabilityLevel.ESPECIALLY_SEVERE),)
    c4 = claim(CareKind.FOSTERING_DISABLED)
    born = date(2009, 6, 1)
    assert coefficient_of(c4, born, worst, Month(2025, 5)) == 2.5
    assert coefficient_of(c4, born, worst, Month(2025, 6)) == 1.5


def test_both_spouses_qualifying_get_one_payment() -> None:
    kids = (Child(date(2024, 3, 1)),)
    ms = (membership("5.6", level=DisabilityLevel.SEVERE),)
    a_claim = claim(CareKind.DISABLED_PARENT, "a", kids, claim_id="c-a")
    b_claim = claim(CareKind.DISABLED_PARENT, "b", kids, claim_id="c-b")
    a = care_coefficient(a_claim, date(1990, 1, 1), ms, JAN_2025)
    b = care_coefficient(b_claim, date(1991, 1, 1), ms, JAN_2025)
    results = [one_per_couple(a, b), one_per_couple(b, a)]
    assert sum(r is not None for r in results) == 1
