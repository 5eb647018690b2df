"""Cells that need the catalogs: personal ID, commune, category + coefficient, payment."""

from __future__ import annotations

from decimal import Decimal

from ansinh_common.catalogs import personal_id
from ansinh_common.catalogs.admin_units import CatalogVersion, Level, find_unit
from ansinh_common.catalogs.assistance_categories import get_category
from ansinh_common.catalogs.payment_channels import ChannelKind
from registry.domain.benefit import PaymentInfo
from registry.domain.category import DISABILITY, CategoryRef
from registry.domain.excel_import.cells import CellError, text
from registry.domain.excel_import.lookups import DIRECT_CHANNELS, OTHER_PROVIDER
from registry.domain.person import Residence

# Disability level code → prefix of the 5.6 coefficient conditions (Art. 6.1.e).
_LEVEL_CONDITION = {"1": "especially_severe", "2": "severe"}


def parse_personal_id(value: object) -> str:
    number = personal_id.normalize(text(value))
    if not personal_id.decode(number).ok:
        raise CellError("số định danh cá nhân không hợp lệ (phải gồm 12 chữ số)")
    return number


def parse_commune(value: object) -> Residence:
    """A 2025 commune code (the template's catalog) → the residence with its province."""
    code = text(value)
    code = code.zfill(5) if code.isdigit() else code
    unit = find_unit(code, CatalogVersion.V2025)
    if unit is None or unit.level is not Level.COMMUNE or unit.parent_code is None:
        raise CellError("mã xã không có trong danh mục đơn vị hành chính 2025")
    return Residence(unit.parent_code, code, None, CatalogVersion.V2025.value)


def category_ref(code: str, coefficient: Decimal, level_code: str | None) -> CategoryRef:
    """The catalog condition the coefficient stands for (the file has no condition column)."""
    entry = get_category(code)
    known = ", ".join(sorted({str(r.coefficient) for r in entry.rules}))
    per_child = next((r for r in entry.rules if r.per_child), None)
    if per_child is not None:
        children = coefficient / per_child.coefficient
        if children < 1 or children != children.to_integral():
            raise CellError(f"hệ số của đối tượng {code} là {per_child.coefficient} × số con")
        return CategoryRef(code, per_child.condition, int(children))
    matches = [r for r in entry.rules if r.coefficient == coefficient]
    if not matches:
        raise CellError(f"hệ số {coefficient} không đúng với đối tượng {code} ({known})")
    if len(matches) > 1 and code == DISABILITY:
        prefix = _LEVEL_CONDITION.get(level_code or "")
        if prefix is None:
            raise CellError("cần mức độ khuyết tật để xác định hệ số của đối tượng 5.6")
        matches = [r for r in matches if r.condition.split("_child")[0] == prefix]
        if not matches:
            raise CellError(f"hệ số {coefficient} không khớp mức độ khuyết tật đã ghi")
    return CategoryRef(code, matches[0].condition)


def payment_info(kind: ChannelKind, provider: str | None, account: str | None) -> PaymentInfo:
    if kind in DIRECT_CHANNELS:
        return PaymentInfo(DIRECT_CHANNELS[kind])
    channel = provider or OTHER_PROVIDER.get(kind)
    if channel is None:
        raise CellError("bắt buộc nhập khi chi trả qua tài khoản")
    return PaymentInfo(channel, account)
