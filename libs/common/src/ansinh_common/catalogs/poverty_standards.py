"""Multidimensional poverty standards (chuẩn nghèo đa chiều), versioned by review year.

* 2016–2020: Decision 59/2015/QĐ-TTg (5 dimensions, 10 indicators; 700k/900k, 1.0M/1.3M);
* 2022–2025, extended to 2026: Decree 07/2021/NĐ-CP Art. 3 (6 dimensions, 12 indicators;
  1.5M rural / 2.0M urban; middle living standard to 2.25M / 3.0M), amended by Decree
  30/2025/NĐ-CP, kept in force through 31 Dec 2026 by Decree 351/2025/NĐ-CP;
* 2027–2030: Decree 351/2025/NĐ-CP (2.2M rural / 2.8M urban) — partly verified, see
  ``PovertyStandard.verified`` and docs/catalogs.md.

Data lives in ``data/poverty_standards.json``; adding a period is a data change.
``classify`` applies only the income/deprivation rule of a standard (no survey scoring).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from ansinh_common.catalogs._resources import load_json


class Area(StrEnum):
    RURAL = "rural"
    URBAN = "urban"


class PovertyStatus(StrEnum):
    POOR = "poor"
    NEAR_POOR = "near_poor"
    MIDDLE = "middle"  # hộ có mức sống trung bình (where the standard defines it)
    NOT_POOR = "not_poor"


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Dimension:
    code: str
    name: str
    indicators: tuple[Indicator, ...]
    verified: bool


@dataclass(frozen=True, slots=True)
class IncomeLines:
    poor: int
    near_poor: int
    middle: int | None


@dataclass(frozen=True, slots=True)
class PovertyStandard:
    code: str
    legal_basis: str
    first_year: int
    last_year: int
    rules: str  # "income_and_deprivation" | "income_or_income_band_and_deprivation"
    income: dict[Area, IncomeLines]
    deprivation_threshold: int
    dimensions: tuple[Dimension, ...]
    verified: bool
    note: str

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    def classify(self, area: Area | str, income: int, deprivations: int) -> PovertyStatus:
        """Status from monthly income per person (VND) and number of deprived indicators."""
        lines = self.income[Area(area)]
        deprived = deprivations >= self.deprivation_threshold
        if self.rules == "income_or_income_band_and_deprivation":
            if income <= lines.poor or (income <= lines.near_poor and deprived):
                return PovertyStatus.POOR
            return PovertyStatus.NEAR_POOR if income <= lines.near_poor else PovertyStatus.NOT_POOR
        if income <= lines.poor:
            return PovertyStatus.POOR if deprived else PovertyStatus.NEAR_POOR
        if lines.middle is not None and income <= lines.middle:
            return PovertyStatus.MIDDLE
        return PovertyStatus.NOT_POOR


class NoPovertyStandardError(LookupError):
    """No standard covers that review year."""


def _standard(s: dict[str, Any]) -> PovertyStandard:
    middle = s.get("middle_living_lines") or {}
    income = {
        Area(a): IncomeLines(v["poor"], v["near_poor"], middle.get(a))
        for a, v in s["income_lines"].items()
    }
    dims = tuple(
        Dimension(
            d["code"], d["name"], tuple(Indicator(i["code"], i["name"]) for i in d["indicators"]),
            bool(d.get("verified", s["verified"])),
        )
        for d in s["dimensions"]
    )  # fmt: skip
    first, last = s["review_years"]
    return PovertyStandard(
        s["code"], s["legal_basis"], first, last, s["rules"], income,
        int(s["deprivation_threshold"]), dims, bool(s["verified"]), s.get("note", ""),
    )  # fmt: skip


@cache
def poverty_standards() -> tuple[PovertyStandard, ...]:
    """All standards, oldest first."""
    data = load_json("poverty_standards.json")
    return tuple(sorted((_standard(s) for s in data["standards"]), key=lambda s: s.first_year))


def standard_for_year(review_year: int) -> PovertyStandard:
    """The standard that applies to a review year (e.g. 2026 → Decree 07, 2027 → Decree 351)."""
    for s in poverty_standards():
        if s.first_year <= review_year <= s.last_year:
            return s
    raise NoPovertyStandardError(f"no poverty standard for review year {review_year}")


def get_standard(code: str) -> PovertyStandard:
    """A standard by code ("2016-2020", "2022-2025", "2027-2030"); raises ``KeyError``."""
    for s in poverty_standards():
        if s.code == code:
            return s
    raise KeyError(code)
