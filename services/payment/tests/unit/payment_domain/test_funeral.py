"""Funeral support (Decree 20/2021/NĐ-CP Art. 11.2): at least 20 × the standard level, once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payment.domain.errors import FuneralSupportRefused
from payment.domain.explain import AmountPart, PartKind
from payment.domain.months import Month
from payment.domain.policy import HigherStandardLevel, ProvincePolicy, Resolution
from payment.domain.rules import funeral
from payment.domain.rules.funeral import FuneralBasis, funeral_support, funeral_support_for

from .builders import beneficiary, membership


def support(**overrides: object) -> AmountPart:
    args: dict[str, object] = {
        "beneficiary_id": "b-1", "payee_id": "family-1", "birth_date": date(1940, 1, 1),
        "died_on": date(2025, 3, 15), "province_code": "01",
        "basis": FuneralBasis.MONTHLY_ALLOWANCE, "already_paid": False,
    }  # fmt: skip
    args.update(overrides)
    return funeral_support(**args)  # type: ignore[arg-type]


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert funeral.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 11.2"


def test_funeral_support_is_20_times_the_standard_level_of_the_month_of_death() -> None:
    part = support()
    assert part.kind is PartKind.FUNERAL_SUPPORT
    assert (part.amount, part.month, part.payee_id) == (10_000_000, Month(2025, 3), "family-1")
    assert support(died_on=date(2024, 6, 30)).amount == 7_200_000


def test_a_province_may_pay_more_but_never_less() -> None:
    policy = ProvincePolicy("37")
    policy.record(
        HigherStandardLevel(
            600_000, Month(2025, 1), Resolution("1/2024/NQ-HĐND", date(2024, 12, 1))
        ),
        date(2025, 1, 1),
    )
    assert support(province_code="37", policy=policy).amount == 12_000_000
    assert support(multiple=Decimal(25)).amount == 12_500_000
    with pytest.raises(FuneralSupportRefused):
        support(multiple=Decimal(15))


def test_funeral_support_is_paid_once() -> None:
    with pytest.raises(FuneralSupportRefused) as exc:
        support(already_paid=True)
    assert "một lần" in exc.value.detail


def test_other_allowance_holders_qualify_from_80() -> None:
    with pytest.raises(FuneralSupportRefused):
        support(basis=FuneralBasis.ELDERLY_OTHER_ALLOWANCE, birth_date=date(1950, 1, 1))
    part = support(basis=FuneralBasis.ELDERLY_OTHER_ALLOWANCE, birth_date=date(1945, 3, 1))
    assert part.amount == 10_000_000


def test_funeral_support_for_a_beneficiary_needs_an_allowance_in_the_month_of_death() -> None:
    paid = beneficiary(date(1940, 1, 1), membership("5.5a"), died_on=date(2025, 3, 15))
    assert funeral_support_for(paid, "family-1", already_paid=False).amount == 10_000_000
    stopped = beneficiary(
        date(1940, 1, 1), membership("5.5a", end=Month(2024, 12)), died_on=date(2025, 3, 15)
    )
    with pytest.raises(FuneralSupportRefused, match="không hưởng trợ cấp"):
        funeral_support_for(stopped, "family-1", already_paid=False)
    alive = beneficiary(date(1940, 1, 1), membership("5.5a"))
    with pytest.raises(FuneralSupportRefused, match="Chưa ghi nhận"):
        funeral_support_for(alive, "family-1", already_paid=False)
