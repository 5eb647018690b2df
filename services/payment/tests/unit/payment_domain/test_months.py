"""Months and ages: age rules apply from the month the condition is met (Decree 20 Art. 8)."""

from __future__ import annotations

from datetime import date

import pytest

from payment.domain.months import Month, age_in, age_in_months, month_turning, months_between


def test_the_birthday_month_counts_as_the_new_age() -> None:
    born = date(2021, 5, 20)
    assert age_in(born, Month(2025, 4)) == 3
    assert age_in(born, Month(2025, 5)) == 4
    assert month_turning(born, 4) == Month(2025, 5)


def test_a_29_february_birthday_counts_in_february() -> None:
    assert age_in(date(2020, 2, 29), Month(2024, 2)) == 4
    assert age_in(date(2020, 2, 29), Month(2023, 2)) == 3


def test_month_arithmetic_crosses_years() -> None:
    assert Month(2024, 12).next() == Month(2025, 1)
    assert Month(2025, 1).previous() == Month(2024, 12)
    assert Month(2024, 11).plus(14) == Month(2026, 1)
    assert Month(2025, 2).months_since(Month(2024, 7)) == 7
    assert list(months_between(Month(2024, 11), Month(2025, 1))) == [
        Month(2024, 11), Month(2024, 12), Month(2025, 1),
    ]  # fmt: skip
    assert list(months_between(Month(2025, 2), Month(2025, 1))) == []
    assert age_in_months(date(2023, 1, 31), Month(2025, 12)) == 35


def test_bad_months_are_refused() -> None:
    with pytest.raises(ValueError, match="month must be"):
        Month(2024, 13)
    assert Month.parse("2024-07") == Month(2024, 7)
    assert str(Month(2024, 7)) == "2024-07"
