"""Labels of the template's dropdown columns → codes of the shared catalogs."""

from __future__ import annotations

from functools import cache, lru_cache

from ansinh_common.catalogs import disability, ethnicities, payment_channels
from ansinh_common.catalogs.assistance_categories import Benefit, categories
from ansinh_common.catalogs.payment_channels import ChannelKind
from ansinh_common.catalogs.personal_id import Gender
from ansinh_templates.beneficiary_spec import (
    CHANGE_TYPE_LABELS,
    GENDER_LABELS,
    PAYMENT_METHOD_LABELS,
)
from registry.domain.excel_import.cells import CellError, norm

# The template's labels for the direct channels (no account): the catalog code to use.
DIRECT_CHANNELS = {ChannelKind.CASH_AT_COMMUNE: "CASH_COMMUNE", ChannelKind.POSTAL: "VNPOST"}
OTHER_PROVIDER = {ChannelKind.BANK: "OTHER_BANK", ChannelKind.E_WALLET: "OTHER_WALLET"}


def _index(pairs: dict[str, str]) -> dict[str, str]:
    """label or code (normalised) → code."""
    out: dict[str, str] = {}
    for code, label in pairs.items():
        out[norm(code)] = code
        out[norm(label)] = code
    return out


@cache
def _tables() -> dict[str, dict[str, str]]:
    ethnic: dict[str, str] = {}
    for e in ethnicities.ethnicities():
        for name in (e.name, *e.other_names):
            ethnic[norm(name)] = e.code
        ethnic[norm(e.code)] = e.code
    return {
        "gender": _index(GENDER_LABELS),
        "ethnicity": ethnic,
        "disability_type": _index({t.code: t.name for t in disability.DISABILITY_TYPES}),
        "disability_level": _index({lv.code: lv.name for lv in disability.DISABILITY_LEVELS}),
        "payment_method": _index(PAYMENT_METHOD_LABELS),
        "account_provider": _index({c.code: c.name for c in payment_channels.payment_channels()}),
        "change_type": _index(CHANGE_TYPE_LABELS),
        "category": {
            norm(c.code): c.code
            for c in categories()
            if c.benefit in {Benefit.MONTHLY_ALLOWANCE, Benefit.FACILITY_ALLOWANCE}
        },
    }


_MESSAGES = {
    "gender": "giới tính phải là 'Nam' hoặc 'Nữ'",
    "ethnicity": "dân tộc không có trong danh mục",
    "disability_type": "dạng tật không có trong danh mục",
    "disability_level": "mức độ khuyết tật không có trong danh mục",
    "payment_method": "hình thức chi trả không có trong danh mục",
    "account_provider": "ngân hàng/ví không có trong danh mục",
    "change_type": "loại biến động không có trong danh mục",
    "category": "mã đối tượng không có trong danh mục Điều 5 Nghị định 20/2021",
}


def lookup(column: str, value: object) -> str:
    """The catalog code for the label in ``column``; raises ``CellError``."""
    code = _code(column, value) if isinstance(value, str) else _tables()[column].get(norm(value))
    if code is None:
        raise CellError(_MESSAGES[column])
    return code


@lru_cache(maxsize=4096)
def _code(column: str, label: str) -> str | None:
    """Labels repeat on every row of a file ("Nam", "Kinh", "Qua bưu điện" …): normalised once."""
    return _tables()[column].get(norm(label))


def gender(value: object) -> Gender:
    return Gender(lookup("gender", value))
