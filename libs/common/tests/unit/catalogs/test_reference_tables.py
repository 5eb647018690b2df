from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ansinh_common.catalogs import (
    assistance_categories as ac,
)
from ansinh_common.catalogs import (
    disability,
    ethnicities,
    payment_channels,
    poverty_standards,
    standard_levels,
    working_days,
)


def test_ethnicities() -> None:
    groups = ethnicities.ethnicities(include_foreigner=False)
    assert len(groups) == 54
    assert [e.code for e in groups] == [f"{i:02d}" for i in range(1, 55)]
    assert ethnicities.get_ethnicity("01").name == "Kinh"
    assert ethnicities.get_ethnicity("4").name == "Hoa"
    assert ethnicities.get_ethnicity("53").name == "Ơ Đu"
    assert ethnicities.get_ethnicity("54").name == "Rơ-măm"
    assert ethnicities.get_ethnicity(ethnicities.FOREIGNER_CODE).is_foreigner
    assert len(ethnicities.ethnicities()) == 55


def test_disability() -> None:
    assert len(disability.DISABILITY_TYPES) == 6
    assert len(disability.DISABILITY_LEVELS) == 3
    assert disability.get_disability_level("severe").code == "2"


def test_every_category_has_legal_basis_and_coefficients() -> None:
    for c in ac.categories():
        assert c.legal_basis.startswith("Decree 20/2021/NĐ-CP")
        assert c.rules
        for r in c.rules:
            assert r.legal_basis and r.coefficient > 0


def test_coefficient_lookup() -> None:
    assert ac.coefficient("5.1", "under_4") == Decimal("2.5")
    assert ac.coefficient("5.1", "from_4") == Decimal("1.5")
    assert ac.coefficient("5.5a", "from_80") == Decimal("2.0")
    assert ac.coefficient("5.6", "especially_severe_child_or_elderly") == Decimal("2.5")
    assert ac.coefficient("5.8") == Decimal("1.5")
    assert ac.coefficient("F1", "under_4") == Decimal("5.0")
    with pytest.raises(KeyError):
        ac.coefficient("5.1")


def test_standard_level_by_month() -> None:
    assert standard_levels.standard_level(None, 2021, 7) == 360_000
    assert standard_levels.standard_level("01", 2024, 6) == 360_000
    assert standard_levels.standard_level("01", 2024, 7) == 500_000
    with pytest.raises(standard_levels.NoStandardLevelError):
        standard_levels.standard_level(None, 2021, 6)


def test_provincial_override_only_when_higher() -> None:
    nat = standard_levels.default_table().national
    prov = (
        standard_levels.StandardLevel((2025, 1), 600_000, "test", "79", "2025"),
        standard_levels.StandardLevel((2024, 1), 400_000, "test", "01", "2025"),
    )
    table = standard_levels.StandardLevelTable(nat, prov)
    assert table.lookup("79", 2024, 12).amount == 500_000
    assert table.lookup("79", 2025, 1).amount == 600_000
    assert table.lookup("01", 2024, 3).amount == 400_000
    assert table.lookup("01", 2024, 7).amount == 500_000


def test_poverty_standard_by_year() -> None:
    assert poverty_standards.standard_for_year(2018).legal_basis.startswith("Decision 59/2015")
    s26 = poverty_standards.standard_for_year(2026)
    assert "Decree 07/2021" in s26.legal_basis and len(s26.indicators) == 12
    s27 = poverty_standards.standard_for_year(2027)
    assert "Decree 351/2025" in s27.legal_basis and not s27.verified
    assert s27.income[poverty_standards.Area.RURAL].poor == 2_200_000
    assert s27.income[poverty_standards.Area.URBAN].poor == 2_800_000
    st = poverty_standards.PovertyStatus
    assert s26.classify("rural", 1_500_000, 3) is st.POOR
    assert s26.classify("rural", 1_500_000, 2) is st.NEAR_POOR
    assert s26.classify("urban", 2_500_000, 5) is st.MIDDLE
    s16 = poverty_standards.standard_for_year(2016)
    assert s16.classify("rural", 700_000, 0) is st.POOR
    assert s16.classify("rural", 900_000, 3) is st.POOR
    assert s16.classify("rural", 900_000, 2) is st.NEAR_POOR


def test_payment_channels() -> None:
    assert (
        payment_channels.get_payment_channel("VNPOST").kind is payment_channels.ChannelKind.POSTAL
    )
    assert payment_channels.payment_channels("e_wallet")


def test_working_days_around_tet() -> None:
    last = dt.date(2026, 2, 13)  # Friday before Tết Bính Ngọ (holiday 16-20 Feb 2026)
    assert working_days.is_working_day(last)
    assert not working_days.is_working_day(dt.date(2026, 2, 17))
    assert working_days.add_working_days(last, 2) == dt.date(2026, 2, 24)
    assert working_days.working_days_between(last, dt.date(2026, 2, 24)) == 2
    assert working_days.add_working_days(dt.date(2026, 2, 24), -2) == last
    # Tết Ất Tỵ 2025: 25 Jan - 2 Feb.
    assert working_days.add_working_days(dt.date(2025, 1, 24), 1) == dt.date(2025, 2, 3)


def test_make_up_days_and_swaps() -> None:
    assert working_days.is_working_day(dt.date(2025, 4, 26))  # Saturday, make-up day
    assert not working_days.is_working_day(dt.date(2025, 5, 2))
    assert not working_days.is_working_day(dt.date(2026, 1, 2))
    assert working_days.is_working_day(dt.date(2026, 1, 10))
