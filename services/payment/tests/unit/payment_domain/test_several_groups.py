"""Decree 20/2021/NĐ-CP Art. 6.2: only the highest amount, except a 5.4 single parent who is
also in 5.5, 5.6 or 5.8 (5.4 **and** that one)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from payment.domain.explain import PartKind, explain
from payment.domain.model import Child, DisabilityLevel
from payment.domain.months import Month
from payment.domain.rules import several_groups
from payment.domain.rules.coefficient import GroupCoefficient
from payment.domain.rules.several_groups import select_paid

from .builders import beneficiary, membership

JAN_2025 = Month(2025, 1)
TWO_KIDS = (Child(date(2015, 1, 1)), Child(date(2018, 1, 1)))


def g(record_id: str, group: str, coefficient: str) -> GroupCoefficient:
    return GroupCoefficient(record_id, group, "default", Decimal(coefficient), "")


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert several_groups.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 6.2"


def test_a_person_in_two_groups_gets_only_the_highest() -> None:
    person = beneficiary(
        date(1940, 1, 1),  # 85: 5.5a 2.0; 5.6 severe and elderly 2.0; 5.8 1.5
        membership("5.5a", record_id="a"),
        membership("5.8", record_id="h"),
    )
    e = explain(person, JAN_2025)
    assert [(p.group, p.amount) for p in e.parts] == [("5.5a", 1_000_000)]
    assert [x.group for x in e.not_paid] == ["5.8"]
    assert e.parts[0].legal_basis.endswith("Art. 6.2")


def test_single_parent_also_disabled_gets_both_allowances() -> None:
    person = beneficiary(
        date(1985, 6, 1),
        membership("5.4", children=TWO_KIDS),
        membership("5.6", level=DisabilityLevel.SEVERE),
    )
    e = explain(person, JAN_2025)
    assert sorted((p.group, p.amount) for p in e.parts) == [
        ("5.4", 1_000_000), ("5.6", 750_000),
    ]  # fmt: skip
    assert e.total == 1_750_000


def test_single_parent_also_with_hiv_gets_both() -> None:
    person = beneficiary(
        date(1985, 6, 1), membership("5.4", children=TWO_KIDS[:1]), membership("5.8")
    )
    assert explain(person, JAN_2025).total == 500_000 + 750_000


def test_single_parent_with_a_group_outside_the_exception_gets_the_highest_only() -> None:
    selection = select_paid([g("sp", "5.4", "1.0"), g("c", "5.3", "2.0")])
    assert [x.record_id for x in selection.paid] == ["c"]


def test_single_parent_takes_only_the_highest_combinable_group() -> None:
    selection = select_paid([g("sp", "5.4", "1.0"), g("c", "5.5c", "1.0"), g("d", "5.6", "1.5")])
    assert {x.record_id for x in selection.paid} == {"sp", "d"}
    assert [x.record_id for x in selection.unpaid] == ["c"]


def test_single_parent_pair_is_used_only_when_it_beats_the_single_highest() -> None:
    selection = select_paid([g("sp", "5.4", "1.0"), g("o", "5.5d", "3.0"), g("x", "5.3", "3.5")])
    assert {x.record_id for x in selection.paid} == {"sp", "o"}
    assert selection.coefficient == Decimal("4.0")


def test_ties_are_broken_by_record_id() -> None:
    selection = select_paid([g("b", "5.8", "1.5"), g("a", "5.6", "1.5")])
    assert [x.record_id for x in selection.paid] == ["a"]


def test_the_highest_group_can_change_with_age() -> None:
    person = beneficiary(
        date(1945, 3, 1),
        membership("5.5a", record_id="old"),  # 1.5 → 2.0 at 80 (Mar 2025)
        membership("5.6", record_id="dis", level=DisabilityLevel.SEVERE),  # 2.0 (elderly)
    )
    feb, mar = explain(person, Month(2025, 2)), explain(person, Month(2025, 3))
    assert [p.record_id for p in feb.parts if p.kind is PartKind.MONTHLY_ALLOWANCE] == ["dis"]
    assert [p.record_id for p in mar.parts] == ["dis"]  # 2.0 = 2.0: tie → record id
    assert feb.total == mar.total == 1_000_000
