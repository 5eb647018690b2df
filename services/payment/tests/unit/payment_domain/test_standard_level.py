"""Standard level in force (Decree 20/2021/NĐ-CP Art. 4; Decree 76/2024/NĐ-CP Art. 1): national
360,000 → 500,000 VND from Jul 2024, or the province's higher level."""

from __future__ import annotations

from datetime import date

import pytest

from payment.domain.errors import NoStandardLevel
from payment.domain.explain import explain
from payment.domain.months import Month
from payment.domain.policy import HigherStandardLevel, ProvincePolicy, Resolution
from payment.domain.rules import standard_level
from payment.domain.rules.standard_level import standard_level_in_force

from .builders import beneficiary, membership

NINH_BINH = "37"
TODAY = date(2025, 12, 1)


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert standard_level.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 4; Decree 76/2024/NĐ-CP Art. 1"


def test_the_july_2024_change_from_360000_to_500000() -> None:
    june = standard_level_in_force("01", Month(2024, 6))
    july = standard_level_in_force("01", Month(2024, 7))
    assert (june.amount, july.amount) == (360_000, 500_000)
    assert "Decree 76/2024" in july.legal_basis and "Decree 20/2021" in june.legal_basis
    person = beneficiary(date(1940, 1, 1), membership("5.5a", Month(2023, 1)))
    assert explain(person, Month(2024, 6)).total == 720_000
    assert explain(person, Month(2024, 7)).total == 1_000_000


def test_no_level_before_july_2021() -> None:
    with pytest.raises(NoStandardLevel) as exc:
        standard_level_in_force("01", Month(2021, 6))
    assert "2021-06" in exc.value.detail


def test_a_province_with_a_higher_level_recorded_by_its_officers() -> None:
    policy = ProvincePolicy(NINH_BINH)
    resolution = Resolution("15/2025/NQ-HĐND", date(2025, 7, 10))
    policy.record(HigherStandardLevel(600_000, Month(2025, 9), resolution), TODAY)
    before = standard_level_in_force(NINH_BINH, Month(2025, 8), policy)
    after = standard_level_in_force(NINH_BINH, Month(2025, 9), policy)
    assert (before.amount, before.province_setting) == (500_000, False)
    assert (after.amount, after.province_setting, after.setting_key) == (
        600_000, True, "standard_level",
    )  # fmt: skip
    assert after.legal_basis.startswith("Nghị quyết 15/2025/NQ-HĐND")
    person = beneficiary(date(1940, 1, 1), membership("5.5a"), province=NINH_BINH)
    e = explain(person, Month(2025, 9), policy)
    assert (e.parts[0].standard_level, e.total) == (600_000, 1_200_000)
    assert e.setting_keys == frozenset({"standard_level"})


def test_a_province_level_below_the_national_one_is_not_used() -> None:
    policy = ProvincePolicy(NINH_BINH)
    policy.record(
        HigherStandardLevel(
            450_000, Month(2024, 1), Resolution("9/2023/NQ-HĐND", date(2023, 12, 1))
        ),
        TODAY,
    )
    assert standard_level_in_force(NINH_BINH, Month(2024, 6), policy).amount == 450_000
    # from Jul 2024 the national level (500,000) is higher than the province's
    july = standard_level_in_force(NINH_BINH, Month(2024, 7), policy)
    assert (july.amount, july.province_setting) == (500_000, False)
