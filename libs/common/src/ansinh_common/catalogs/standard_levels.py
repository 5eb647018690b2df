"""Standard level of social assistance (mức chuẩn trợ giúp xã hội), by month and province.

National rows: 360,000 VND/month from 2021-07 (Decree 20/2021/NĐ-CP Art. 4.1), 500,000 VND
from 2024-07 (Decree 76/2024/NĐ-CP Art. 1.1). A province may set a higher level for its own
budget (Decree 76/2024/NĐ-CP Art. 1.2; Decree 20/2021 Art. 4.2). The rows live in
``data/standard_levels.json``: a later national level, or a provincial one, is a new row.
Money is whole VND (int).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from ansinh_common.catalogs._resources import load_json

YearMonth = tuple[int, int]


@dataclass(frozen=True, slots=True)
class StandardLevel:
    effective_from: YearMonth
    amount: int  # VND per month
    legal_basis: str
    province_code: str | None = None  # None: national
    catalog_version: str | None = None  # admin-unit catalog of province_code
    verified: bool = True


class NoStandardLevelError(LookupError):
    """No level is defined for that month (before 2021-07)."""


def _ym(text: str) -> YearMonth:
    y, m = text.split("-")
    return (int(y), int(m))


def _row(r: dict[str, Any]) -> StandardLevel:
    return StandardLevel(
        _ym(r["from"]), int(r["amount"]), r["legal_basis"], r.get("province_code"),
        r.get("catalog_version"), bool(r.get("verified", True)),
    )  # fmt: skip


@dataclass(frozen=True)
class StandardLevelTable:
    national: tuple[StandardLevel, ...]
    provincial: tuple[StandardLevel, ...] = ()

    def national_level(self, year: int, month: int) -> StandardLevel:
        return _pick(self.national, (year, month))

    def lookup(
        self, province_code: str | None, year: int, month: int, catalog_version: str = "2025"
    ) -> StandardLevel:
        nat = self.national_level(year, month)
        rows = tuple(
            r for r in self.provincial
            if r.province_code == province_code and (r.catalog_version or "2025") == catalog_version
        )  # fmt: skip
        if not rows or province_code is None:
            return nat
        try:
            prov = _pick(rows, (year, month))
        except NoStandardLevelError:
            return nat
        return prov if prov.amount > nat.amount else nat


def _pick(rows: tuple[StandardLevel, ...], ym: YearMonth) -> StandardLevel:
    ordered = sorted(rows, key=lambda r: r.effective_from)
    i = bisect_right([r.effective_from for r in ordered], ym)
    if i == 0:
        raise NoStandardLevelError(f"no standard level for {ym[0]}-{ym[1]:02d}")
    return ordered[i - 1]


@cache
def default_table() -> StandardLevelTable:
    data = load_json("standard_levels.json")
    return StandardLevelTable(
        tuple(_row(r) for r in data["national"]), tuple(_row(r) for r in data["provincial"])
    )


def standard_level(
    province_code: str | None, year: int, month: int, catalog_version: str = "2025"
) -> int:
    """The standard level in VND for a province and month (the province's if higher)."""
    return default_table().lookup(province_code, year, month, catalog_version).amount


def standard_level_row(
    province_code: str | None, year: int, month: int, catalog_version: str = "2025"
) -> StandardLevel:
    """Like ``standard_level`` but returns the row (amount, legal basis, scope)."""
    return default_table().lookup(province_code, year, month, catalog_version)
