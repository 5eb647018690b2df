"""Months a legacy system already paid are not owed again (Decree 20/2021/NĐ-CP Art. 8)."""

from __future__ import annotations

from datetime import date

from payment.domain.explain import explain
from payment.domain.months import Month
from payment.domain.rules import legacy_paid
from payment.domain.rules.arrears import arrears
from payment.domain.rules.legacy_paid import first_month_owed

from .builders import beneficiary, membership


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert legacy_paid.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 8")


def test_the_platform_owes_from_the_month_after_the_last_month_the_legacy_system_paid() -> None:
    assert first_month_owed(Month(2025, 1), Month(2025, 9)) == Month(2025, 10)
    assert first_month_owed(Month(2025, 1), None) == Month(2025, 1)
    # paid through the month before the start: nothing was paid yet
    assert first_month_owed(Month(2025, 1), Month(2024, 12)) == Month(2025, 1)
    assert first_month_owed(Month(2025, 1), Month(2025, 12)) == Month(2026, 1)


def test_no_arrears_back_over_months_already_paid() -> None:
    start = first_month_owed(Month(2025, 1), Month(2025, 9))
    person = beneficiary(date(1940, 1, 1), membership("5.5a", start))
    assert explain(person, Month(2025, 9)).total == 0
    assert explain(person, Month(2025, 10)).total == 1_000_000
    assert arrears(person, Month(2025, 10), None) == ()


def test_explain_month_says_a_month_was_paid_by_the_legacy_system() -> None:
    """ADR 0033/0043: a month up to "paid through" is not "not owed": the old system paid it."""
    from dataclasses import replace

    paid_through = Month(2025, 9)
    legacy = replace(
        membership("5.5a", first_month_owed(Month(2025, 1), paid_through)),
        paid_through=paid_through,
    )
    person = beneficiary(date(1940, 1, 1), legacy)
    august = explain(person, Month(2025, 8))
    assert august.total == 0 and august.parts == ()
    assert august.findings == (
        "Đã chi trả theo hồ sơ cũ đến tháng 09/2025 (diện 5.5a): tháng 08/2025 đã được hệ thống "
        "quản lý trước đây chi trả, không chi trả lại.",
    )
    october = explain(person, Month(2025, 10))
    assert october.total == 1_000_000 and october.findings == ()
    # a record without a legacy month says nothing of the kind
    assert explain(beneficiary(date(1940, 1, 1), membership("5.5a")), Month(2025, 8)).findings == ()
