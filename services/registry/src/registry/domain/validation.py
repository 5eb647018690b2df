"""Input checks for record data: wrong data is refused with field errors (Vietnamese).

A wrong personal-ID *format* is an error; a personal ID that disagrees with the recorded gender
or birth year is only a data-quality finding (DOMAIN.md, data rules) — see ``data_quality``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ansinh_common.catalogs import admin_units, personal_id
from ansinh_common.catalogs.disability import get_disability_level, get_disability_type
from ansinh_common.catalogs.ethnicities import find_ethnicity
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.errors import FieldError
from registry.domain.benefit import Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.person import Person, Residence

_CATALOG_VERSIONS = frozenset(v.value for v in admin_units.CatalogVersion)
_LEVEL_OF_CONDITION = {
    "especially_severe": "1",
    "especially_severe_child_or_elderly": "1",
    "severe": "2",
    "severe_child_or_elderly": "2",
}


def personal_id_errors(raw: str | None, path: str = "person.personal_id") -> list[FieldError]:
    """Missing is allowed (a finding); a malformed number is an error (12 digits, or 9 legacy)."""
    if raw is None:
        return []
    decoded = personal_id.decode(raw)
    if decoded.ok:
        return []
    return [FieldError(path, "Số định danh cá nhân không hợp lệ (phải gồm 12 chữ số).", "format")]


def person_errors(person: Person, today: date, prefix: str = "person") -> list[FieldError]:
    errors = personal_id_errors(person.personal_id, f"{prefix}.personal_id")
    if not person.full_name.strip():
        errors.append(FieldError(f"{prefix}.full_name", "Thiếu họ và tên.", "required"))
    if person.birth_date > today:
        errors.append(FieldError(f"{prefix}.birth_date", "Ngày sinh sau ngày hiện tại."))
    if person.ethnicity_code is not None and find_ethnicity(person.ethnicity_code) is None:
        errors.append(FieldError(f"{prefix}.ethnicity_code", "Mã dân tộc không có trong danh mục."))
    return errors + residence_errors(person.residence, f"{prefix}.residence")


def residence_errors(residence: Residence, prefix: str = "residence") -> list[FieldError]:
    """Units must exist in the catalog version and nest: commune in (district in) province."""
    return list(_residence_errors(residence, prefix))


@lru_cache(maxsize=8192)
def _residence_errors(residence: Residence, prefix: str) -> tuple[FieldError, ...]:
    """The catalogs are fixed data: the answer for a residence never changes (an import asks
    for the same commune on every row, twice)."""
    return tuple(_check_residence(residence, prefix))


def _check_residence(residence: Residence, prefix: str) -> list[FieldError]:
    version = residence.catalog_version
    if version not in _CATALOG_VERSIONS:
        return [FieldError(f"{prefix}.catalog_version", "Phiên bản danh mục không hợp lệ.")]
    if admin_units.find_unit(residence.commune_code, version) is None:
        return [FieldError(f"{prefix}.commune_code", "Mã xã không có trong danh mục.")]
    if not admin_units.is_within(residence.commune_code, residence.province_code, version):
        return [FieldError(f"{prefix}.commune_code", "Xã không thuộc tỉnh đã ghi.")]
    district = residence.district_code
    if version == admin_units.CatalogVersion.V2025 and district is not None:
        return [FieldError(f"{prefix}.district_code", "Từ 1/7/2025 không còn cấp huyện.")]
    if version == admin_units.CatalogVersion.PRE2025 and (
        district is None or not admin_units.is_within(residence.commune_code, district, version)
    ):
        return [FieldError(f"{prefix}.district_code", "Xã không thuộc huyện đã ghi.")]
    return []


def disability_errors(
    disability: Disability | None, category: CategoryRef | None, prefix: str = "disability"
) -> list[FieldError]:
    """Known codes; for 5.6 the level must match the coefficient condition (Art. 6.1.e)."""
    if disability is None:
        return []
    errors: list[FieldError] = []
    for code, getter, field in (
        (disability.type_code, get_disability_type, "type_code"),
        (disability.level_code, get_disability_level, "level_code"),
    ):
        try:
            if code is not None:
                getter(code)
        except KeyError:
            errors.append(FieldError(f"{prefix}.{field}", "Mã không có trong danh mục."))
    wanted = _LEVEL_OF_CONDITION.get(category.condition) if category else None
    if wanted and disability.level_code and disability.level_code != wanted and not errors:
        errors.append(
            FieldError(f"{prefix}.level_code", "Mức độ khuyết tật không khớp với hệ số hưởng.")
        )
    return errors


def payment_errors(payment: PaymentInfo | None, prefix: str = "payment") -> list[FieldError]:
    """The channel must be in the catalog (a missing account is only a finding)."""
    if payment is None:
        return []
    try:
        get_payment_channel(payment.channel_code)
    except KeyError:
        return [FieldError(f"{prefix}.channel_code", "Hình thức chi trả không có trong danh mục.")]
    return []
