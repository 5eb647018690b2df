"""The coefficient of a record must be the catalog's for its category and condition.

Monthly allowance = standard level × coefficient (Decree 20/2021/NĐ-CP Art. 6.1); care
support coefficients: Art. 20; facility allowance: Art. 25. The numbers live in the shared
catalog, not here (a catalog change is a data change).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import Benefit, Category, get_category
from ansinh_common.errors import FieldError
from registry.domain.benefit import CareSupportLink
from registry.domain.category import CategoryRef

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 6.1, Art. 20, Art. 25"
RECORD_BENEFITS = frozenset({Benefit.MONTHLY_ALLOWANCE, Benefit.FACILITY_ALLOWANCE})


def expected_coefficient(category: CategoryRef) -> Decimal:
    """The catalog coefficient (× children for groups paid per child); ``KeyError`` if unknown."""
    entry = get_category(category.code)
    rule = next(r for r in entry.rules if r.condition == category.condition)
    if rule.per_child:
        return rule.coefficient * (category.children or 0)
    return rule.coefficient


def category_errors(
    category: CategoryRef, coefficient: Decimal, prefix: str = "category"
) -> list[FieldError]:
    """Field errors for an unknown category/condition or a coefficient that is not the catalog's."""
    entry = _find(category.code)
    if entry is None or entry.benefit not in RECORD_BENEFITS:
        return [FieldError(f"{prefix}.code", f"Diện đối tượng '{category.code}' không hợp lệ.")]
    conditions = {r.condition: r for r in entry.rules}
    if category.condition not in conditions:
        known = ", ".join(conditions)
        return [
            FieldError(
                f"{prefix}.condition",
                f"Điều kiện '{category.condition}' không thuộc diện {category.code} ({known}).",
            )
        ]
    if conditions[category.condition].per_child and not (category.children or 0) > 0:
        return [FieldError(f"{prefix}.children", "Phải ghi số con đang nuôi (diện 5.4).")]
    expected = expected_coefficient(category)
    if coefficient != expected:
        return [_mismatch("coefficient", coefficient, expected, entry.legal_basis)]
    return []


def care_support_errors(links: Iterable[CareSupportLink]) -> list[FieldError]:
    """Each link: a care-support category (Art. 20), its condition and coefficient."""
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, link in enumerate(links):
        path = f"care_support[{i}]"
        entry = _find(link.category_code)
        if entry is None or entry.benefit is not Benefit.CARE_SUPPORT:
            errors.append(FieldError(f"{path}.category_code", "Diện hỗ trợ chăm sóc không hợp lệ."))
            continue
        rules = {r.condition: r.coefficient for r in entry.rules}
        if link.condition not in rules:
            errors.append(FieldError(f"{path}.condition", "Điều kiện hỗ trợ không hợp lệ."))
        elif link.coefficient != rules[link.condition]:
            expected = rules[link.condition]
            errors.append(_mismatch(f"{path}.coefficient", link.coefficient, expected, ""))
        if link.caregiver_id in seen:
            errors.append(FieldError(f"{path}.caregiver_id", "Người/hộ chăm sóc bị trùng."))
        seen.add(link.caregiver_id)
    return errors


def _find(code: str) -> Category | None:
    try:
        return get_category(code)
    except KeyError:
        return None


def _mismatch(path: str, given: Decimal, expected: Decimal, basis: str) -> FieldError:
    where = f" ({basis})" if basis else ""
    return FieldError(path, f"Hệ số {given} không đúng, phải là {expected}{where}.", "mismatch")
