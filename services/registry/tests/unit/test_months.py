from __future__ import annotations

from datetime import date

import pytest

from registry.domain.months import Month


def test_months_order_and_step() -> None:
    assert Month(2025, 12).next() == Month(2026, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2025, 7) < Month(2025, 8)
    assert Month.of(date(2024, 7, 31)) == Month.parse("2024-07")
    assert str(Month(2024, 7)) == "2024-07"


def test_invalid_month() -> None:
    with pytest.raises(ValueError, match="month"):
        Month(2025, 13)
