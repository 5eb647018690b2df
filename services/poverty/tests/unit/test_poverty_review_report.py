"""The figures of a review's report: counts, rates, entries and exits, deprivations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ansinh_common.errors import InvalidInput
from poverty.domain.model import HouseholdStatus, StatusChange
from poverty.domain.review import DecidedHousehold
from poverty.domain.review_report import review_figures

P = HouseholdStatus


def _decided(hid: str, prev: HouseholdStatus, new: HouseholdStatus, *deps: str) -> DecidedHousehold:
    change = StatusChange(
        2025, new, dt.date(2025, 12, 1), "9/QĐ-UBND", "chair-1", "2022-2025", deps
    )
    return DecidedHousehold(hid, prev, new, change)


def test_counts_rates_movements_and_deprivations() -> None:
    before = {"H1": P.POOR, "H2": P.POOR, "H3": P.NEAR_POOR, "H4": P.NEAR_POOR, "H9": P.POOR}
    decided = [
        _decided("H1", P.POOR, P.POOR, "sanitation", "telecom_use", "housing_area"),
        _decided("H2", P.POOR, P.NEAR_POOR, "sanitation"),  # left poverty, still near-poor
        _decided("H3", P.NEAR_POOR, P.LEFT_NEAR_POVERTY),
        _decided("H5", P.NONE, P.POOR, "nutrition", "sanitation", "drinking_water"),
        _decided("H6", P.NONE, P.NEAR_POOR),
        _decided("H7", P.NONE, P.AVERAGE_LIVING),
    ]
    f = review_figures(300, before, decided)
    assert (f.poor, f.near_poor) == (3, 3)  # H1, H5, H9 / H2, H4, H6
    assert (f.poor_rate, f.near_poor_rate) == (Decimal("1.00"), Decimal("1.00"))
    assert (f.entered_poverty, f.entered_near_poverty) == (1, 1)
    assert (f.left_poverty, f.left_near_poverty) == (1, 1)
    assert f.deprivations == {
        "drinking_water": 1,
        "housing_area": 1,
        "nutrition": 1,
        "sanitation": 3,
        "telecom_use": 1,
    }


def test_rates_round_half_up_and_bad_totals_are_refused() -> None:
    f = review_figures(3, {"H1": P.POOR}, [])
    assert f.poor_rate == Decimal("33.33")
    assert review_figures(8, {"H1": P.POOR}, []).poor_rate == Decimal("12.50")
    assert review_figures(800, {"H1": P.POOR}, []).poor_rate == Decimal("0.13")  # 0.125
    assert review_figures(0, {}, []).poor_rate == Decimal("0.00")
    with pytest.raises(InvalidInput):
        review_figures(1, {"H1": P.POOR, "H2": P.NEAR_POOR}, [])
