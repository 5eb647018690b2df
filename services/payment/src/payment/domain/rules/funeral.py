"""Funeral support (hỗ trợ chi phí mai táng): once, at least 20 × the standard level.

Decree 20/2021/NĐ-CP Art. 11.2: for a person on the monthly allowance, a child of a 5.4 single
parent, or a person from 80 on a survivor's or other monthly allowance; at least 20 times the
standard level (the multiple is the shared catalog's ``FUNERAL_SUPPORT_MIN_MULTIPLE``; a
province may pay more); only the highest if several texts apply, and only once. The standard
level is the one in force in the month of death in the province *(verify: the month of death
rather than the month of the decision)*.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from ansinh_common.catalogs.assistance_categories import FUNERAL_SUPPORT_MIN_MULTIPLE
from payment.domain.errors import FuneralSupportRefused
from payment.domain.explain import AmountPart, PartKind, explain
from payment.domain.model import Beneficiary
from payment.domain.money import times, vnd_text
from payment.domain.months import Month, age_in
from payment.domain.policy import ProvincePolicy
from payment.domain.rules.standard_level import standard_level_in_force

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 11.2"
VERIFIED = False


class FuneralBasis(StrEnum):
    MONTHLY_ALLOWANCE = "monthly_allowance"  # on the monthly allowance when they died
    CHILD_OF_SINGLE_PARENT = "child_of_single_parent"  # child of a 5.4 single parent
    ELDERLY_OTHER_ALLOWANCE = "elderly_other_allowance"  # from 80, survivor's/other allowance


def funeral_support(
    *,
    beneficiary_id: str,
    payee_id: str,
    birth_date: date,
    died_on: date,
    province_code: str,
    basis: FuneralBasis,
    already_paid: bool,
    policy: ProvincePolicy | None = None,
    multiple: Decimal = FUNERAL_SUPPORT_MIN_MULTIPLE,
) -> AmountPart:
    """The funeral support part, paid to whoever organised the funeral (``payee_id``)."""
    if already_paid:
        raise FuneralSupportRefused(
            f"Hỗ trợ mai táng cho đối tượng {beneficiary_id} đã được chi; chỉ chi một lần "
            "(Điều 11 khoản 2 Nghị định 20/2021/NĐ-CP)."
        )
    month = Month.of(died_on)
    if basis is FuneralBasis.ELDERLY_OTHER_ALLOWANCE and age_in(birth_date, month) < 80:
        raise FuneralSupportRefused(
            "Người hưởng trợ cấp tuất hoặc trợ cấp hằng tháng khác phải từ đủ 80 tuổi mới được "
            "hỗ trợ mai táng theo Điều 11 khoản 2 Nghị định 20/2021/NĐ-CP."
        )
    if multiple < FUNERAL_SUPPORT_MIN_MULTIPLE:
        raise FuneralSupportRefused(
            f"Mức hỗ trợ mai táng tối thiểu bằng {FUNERAL_SUPPORT_MIN_MULTIPLE} lần mức chuẩn."
        )
    level = standard_level_in_force(province_code, month, policy)
    return AmountPart(
        PartKind.FUNERAL_SUPPORT, times(level.amount, multiple), LEGAL_BASIS,
        f"Hỗ trợ chi phí mai táng: {multiple} × mức chuẩn {vnd_text(level.amount)} đồng",
        coefficient=multiple, standard_level=level.amount,
        standard_level_basis=level.legal_basis, record_id=beneficiary_id, payee_id=payee_id,
        setting_key=level.setting_key, month=month,
    )  # fmt: skip


def funeral_support_for(
    beneficiary: Beneficiary,
    payee_id: str,
    already_paid: bool,
    policy: ProvincePolicy | None = None,
    multiple: Decimal = FUNERAL_SUPPORT_MIN_MULTIPLE,
) -> AmountPart:
    """Funeral support for a deceased beneficiary of the monthly allowance: refused unless a
    monthly allowance was owed in the month of death."""
    if beneficiary.died_on is None:
        who = beneficiary.beneficiary_id
        raise FuneralSupportRefused(f"Chưa ghi nhận đối tượng {who} đã chết.")
    owed = explain(beneficiary, Month.of(beneficiary.died_on), policy)
    if not any(p.kind is PartKind.MONTHLY_ALLOWANCE for p in owed.parts):
        raise FuneralSupportRefused(
            f"Đối tượng {beneficiary.beneficiary_id} không hưởng trợ cấp xã hội hằng tháng trong "
            "tháng chết; không thuộc diện hỗ trợ mai táng theo Điều 11 khoản 2."
        )
    return funeral_support(
        beneficiary_id=beneficiary.beneficiary_id, payee_id=payee_id,
        birth_date=beneficiary.birth_date, died_on=beneficiary.died_on,
        province_code=beneficiary.province_code, basis=FuneralBasis.MONTHLY_ALLOWANCE,
        already_paid=already_paid, policy=policy, multiple=multiple,
    )  # fmt: skip
