"""Province settings (Decree 20/2021/NĐ-CP Art. 4.2; Decree 76/2024/NĐ-CP Art. 1.2): data with
a resolution, effective from a month; once used by an approved list, superseded, never changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from payment.domain import policy as policy_module
from payment.domain.errors import InvalidPolicySetting, SettingAlreadyUsed, SettingInApprovedMonth
from payment.domain.events import PolicySettingRecorded
from payment.domain.explain import PartKind, explain
from payment.domain.months import Month
from payment.domain.policy import (
    HigherStandardLevel,
    ProvinceAllowance,
    ProvincePolicy,
    Resolution,
)
from payment.domain.rules import province_allowance

from .builders import beneficiary, membership

TODAY = date(2025, 12, 1)
RES = Resolution("130/2021/NQ-HĐND", date(2021, 12, 9))


def level(amount: int, start: Month) -> HigherStandardLevel:
    return HigherStandardLevel(amount, start, RES)


def test_legal_basis_is_written_beside_the_rules() -> None:
    assert (
        policy_module.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 4.2; Decree 76/2024/NĐ-CP Art. 1.2"
    )
    assert province_allowance.LEGAL_BASIS == policy_module.LEGAL_BASIS
    assert policy_module.VERIFIED is False


def test_recording_a_setting_emits_an_event_and_bumps_the_version() -> None:
    p = ProvincePolicy("37")
    p.record(level(600_000, Month(2025, 9)), TODAY)
    assert p.version == 1
    assert p.events == [
        PolicySettingRecorded(province_code="37", key="standard_level",
                              effective_from=Month(2025, 9), resolution_number=RES.number)
    ]  # fmt: skip


def test_a_setting_used_by_an_approved_list_cannot_be_changed() -> None:
    p = ProvincePolicy("37")
    p.record(level(600_000, Month(2025, 9)), TODAY)
    p.mark_used(frozenset({"standard_level"}), Month(2025, 10))
    with pytest.raises(SettingAlreadyUsed) as same_month:
        p.record(level(650_000, Month(2025, 9)), TODAY)
    assert "2025-10" in same_month.value.detail
    with pytest.raises(SettingAlreadyUsed):
        p.record(level(650_000, Month(2025, 10)), TODAY)
    assert p.standard_level(Month(2025, 10)) == level(600_000, Month(2025, 9))


def test_a_used_setting_is_superseded_from_a_later_month() -> None:
    p = ProvincePolicy("37")
    p.record(level(600_000, Month(2025, 9)), TODAY)
    p.mark_used(frozenset({"standard_level"}), Month(2025, 10))
    p.record(level(650_000, Month(2025, 11)), TODAY)
    assert p.standard_level(Month(2025, 10)).amount == 600_000  # type: ignore[union-attr]
    assert p.standard_level(Month(2026, 1)).amount == 650_000  # type: ignore[union-attr]


def test_an_unused_setting_may_be_corrected_in_place() -> None:
    p = ProvincePolicy("37")
    p.record(level(600_000, Month(2025, 9)), TODAY)
    p.record(level(610_000, Month(2025, 9)), TODAY)
    assert [s.amount for s in p.settings] == [610_000]


def test_bad_settings_get_field_errors() -> None:
    p = ProvincePolicy("37")
    with pytest.raises(InvalidPolicySetting) as exc:
        p.record(HigherStandardLevel(0, Month(2025, 9), Resolution(" ", date(2026, 1, 1))), TODAY)
    assert [e.field for e in exc.value.errors] == [
        "resolution.number", "resolution.signed_on", "amount",
    ]  # fmt: skip
    both = ProvinceAllowance(
        "NB", "Hỗ trợ thêm", frozenset(), Month(2025, 1), RES, 100_000, Decimal("0.2")
    )
    with pytest.raises(InvalidPolicySetting) as exc:
        p.record(both, TODAY)
    assert [e.field for e in exc.value.errors] == ["coefficient"]
    assert p.settings == [] and p.version == 0


def test_a_province_allowance_is_paid_to_its_groups_from_its_month() -> None:
    p = ProvincePolicy("37")
    p.record(
        ProvinceAllowance("NB-80", "Hỗ trợ thêm người từ đủ 80 tuổi", frozenset({"5.5c"}),
                          Month(2025, 3), RES, amount=100_000),
        TODAY,
    )  # fmt: skip
    old = beneficiary(date(1940, 1, 1), membership("5.5c"), province="37")
    feb, mar = explain(old, Month(2025, 2), p), explain(old, Month(2025, 3), p)
    assert feb.total == 500_000
    extra = [x for x in mar.parts if x.kind is PartKind.PROVINCE_ALLOWANCE]
    assert [(x.amount, x.legal_basis, x.description) for x in extra] == [
        (100_000, "Nghị quyết 130/2021/NQ-HĐND", "Hỗ trợ thêm người từ đủ 80 tuổi")
    ]
    assert mar.total == 600_000 and mar.setting_keys == frozenset({"NB-80"})
    child = beneficiary(date(2020, 1, 1), membership("5.1"), province="37")
    assert explain(child, Month(2025, 3), p).total == 750_000  # not one of its groups


def test_a_province_allowance_as_a_coefficient_and_its_end() -> None:
    p = ProvincePolicy("37")
    allowance = ProvinceAllowance(
        "NB-ALL", "Hỗ trợ thêm", frozenset(), Month(2025, 1), RES, coefficient=Decimal("0.1")
    )
    p.record(allowance, TODAY)
    p.record(
        ProvinceAllowance("NB-ALL", "Hỗ trợ thêm", frozenset(), Month(2025, 6), RES), TODAY
    )  # amount 0: ended from June
    person = beneficiary(date(2020, 1, 1), membership("5.1"), province="37")
    assert explain(person, Month(2025, 5), p).total == 750_000 + 50_000
    assert explain(person, Month(2025, 6), p).total == 750_000


def test_no_new_setting_reaches_back_into_a_month_with_an_approved_list() -> None:
    """Even a setting line no list used yet: it would change what an approved list owed."""
    p = ProvincePolicy("37")
    p.mark_used(frozenset(), Month(2025, 10))  # a list of October was approved
    allowance = ProvinceAllowance("NB-NEW", "Hỗ trợ mới", frozenset(), Month(2025, 10), RES, 1)
    with pytest.raises(SettingInApprovedMonth) as exc:
        p.record(allowance, TODAY)
    assert "2025-10" in exc.value.detail
    p.record(replace(allowance, effective_from=Month(2025, 11)), TODAY)
    assert p.allowances(Month(2025, 11)) == (replace(allowance, effective_from=Month(2025, 11)),)
