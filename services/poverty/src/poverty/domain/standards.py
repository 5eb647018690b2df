"""Poverty standards as the domain uses them: the shared catalog plus indicator thresholds.

Income lines, review years and dimensions come from ``ansinh_common.catalogs.poverty_standards``
(one source for every service). What classification needs besides — the rule's score B, each
indicator's deprivation threshold and legal basis — is data in ``data/standards.json``, read by
the pure parser :func:`parse_extensions`, which reports every problem with its path. Adding a
standard is a data change in both files; the parser refuses an indicator list that differs from
the catalog's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from itertools import pairwise
from typing import Any

from ansinh_common.catalogs.poverty_standards import (
    Area,
    IncomeLines,
    PovertyStandard,
    poverty_standards,
)
from ansinh_common.errors import FieldError
from poverty.domain.errors import NoStandard, StandardDataError, field_error
from poverty.domain.package_data import load_json

__all__ = [
    "Area",
    "IncomeBand",
    "IncomeLines",
    "Indicator",
    "Standard",
    "Threshold",
    "ThresholdKind",
    "get_standard",
    "parse_extensions",
    "standard_for_year",
    "standards",
]


class IncomeBand(StrEnum):
    """Where a household's income (measured, or proxied by score A) lies against the lines."""

    POOR_LINE = "poor_line"  # at or below the poor line
    NEAR_POOR_BAND = "near_poor_band"  # above the poor line, at or below the near-poor line
    MIDDLE_BAND = "middle_band"  # above the line, at or below the middle-living line
    ABOVE = "above"


class ThresholdKind(StrEnum):
    MEMBER_FLAG = "member_flag"  # a member in the age range whose fact equals deprived_when
    HOUSEHOLD_FLAG = "household_flag"  # the household's fact equals deprived_when
    HOUSEHOLD_AT_LEAST = "household_at_least"  # the household's count >= value
    PER_PERSON_BELOW = "per_person_below"  # the household's quantity / members < value
    MEMBER_SHARE_ABOVE = "member_share_above"  # share of members with the fact > value %


@dataclass(frozen=True, slots=True)
class Threshold:
    kind: ThresholdKind
    fact: str
    deprived_when: bool | None = None
    value: int | None = None
    age_from: int | None = None
    age_below: int | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str
    dimension_code: str
    dimension_name: str
    legal_basis: str
    verified: bool
    threshold: Threshold


@dataclass(frozen=True, slots=True)
class Standard:
    code: str
    legal_basis: str
    classification_legal_basis: str
    first_year: int
    last_year: int
    rule: str  # the catalog's rule: "income_and_deprivation" | "income_or_income_band_and_..."
    income: Mapping[Area, IncomeLines]
    indicators: tuple[Indicator, ...]
    deprivation_points: int
    poor_min_score_b: int
    verified: bool

    def covers(self, review_year: int) -> bool:
        return self.first_year <= review_year <= self.last_year

    def income_band(self, area: Area, income: int) -> IncomeBand:
        """The band of a monthly income per person (integer VND) in ``area``."""
        lines = self.income[area]
        if income <= lines.poor:
            return IncomeBand.POOR_LINE
        if income <= lines.near_poor:
            return IncomeBand.NEAR_POOR_BAND
        if lines.middle is not None and income <= lines.middle:
            return IncomeBand.MIDDLE_BAND
        return IncomeBand.ABOVE

    def indicator(self, code: str) -> Indicator:
        for i in self.indicators:
            if i.code == code:
                return i
        raise KeyError(code)


_KIND_FIELDS: dict[ThresholdKind, tuple[str, ...]] = {
    ThresholdKind.MEMBER_FLAG: ("deprived_when",),
    ThresholdKind.HOUSEHOLD_FLAG: ("deprived_when",),
    ThresholdKind.HOUSEHOLD_AT_LEAST: ("value",),
    ThresholdKind.PER_PERSON_BELOW: ("value",),
    ThresholdKind.MEMBER_SHARE_ABOVE: ("value",),
}


def _threshold(raw: Any, path: str, errors: list[FieldError]) -> Threshold | None:
    if not isinstance(raw, dict):
        errors.append(field_error(path, "phải là một đối tượng"))
        return None
    try:
        kind = ThresholdKind(str(raw.get("kind")))
    except ValueError:
        errors.append(field_error(f"{path}.kind", f"loại ngưỡng không hợp lệ: {raw.get('kind')!r}"))
        return None
    fact = raw.get("fact")
    if not isinstance(fact, str) or not fact:
        errors.append(field_error(f"{path}.fact", "thiếu tên thông tin khảo sát"))
        return None
    ok = True
    for name in _KIND_FIELDS[kind]:
        value = raw.get(name)
        if name == "deprived_when":
            valid = isinstance(value, bool)
        else:
            valid = isinstance(value, int) and not isinstance(value, bool)
        if not valid:
            errors.append(field_error(f"{path}.{name}", f"bắt buộc với loại {kind.value}"))
            ok = False
        elif isinstance(value, int) and not isinstance(value, bool) and value < 0:
            errors.append(field_error(f"{path}.{name}", "không được âm"))
            ok = False
    ages: list[int | None] = []
    for name in ("age_from", "age_below"):
        age = raw.get(name)
        if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
            errors.append(field_error(f"{path}.{name}", "tuổi phải là số nguyên không âm"))
            ok = False
            age = None
        ages.append(age)
    if kind is not ThresholdKind.MEMBER_FLAG and any(a is not None for a in ages):
        errors.append(field_error(path, "chỉ ngưỡng member_flag có khoảng tuổi"))
        ok = False
    if ages[0] is not None and ages[1] is not None and ages[0] >= ages[1]:
        errors.append(field_error(f"{path}.age_below", "phải lớn hơn age_from"))
        ok = False
    if not ok:
        return None
    return Threshold(kind, fact, raw.get("deprived_when"), raw.get("value"), ages[0], ages[1])


def _positive_int(raw: Any, path: str, errors: list[FieldError]) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw <= 0:
        errors.append(field_error(path, "phải là số nguyên dương"))
        return 0
    return raw


def _extension(
    raw: Any, path: str, catalog: Mapping[str, PovertyStandard], errors: list[FieldError]
) -> Standard | None:
    if not isinstance(raw, dict):
        errors.append(field_error(path, "phải là một đối tượng"))
        return None
    code = raw.get("code")
    base = catalog.get(code) if isinstance(code, str) else None
    if base is None:
        errors.append(field_error(f"{path}.code", f"không có chuẩn nghèo {code!r} trong danh mục"))
        return None
    basis = raw.get("classification_legal_basis")
    if not isinstance(basis, str) or not basis.strip():
        errors.append(field_error(f"{path}.classification_legal_basis", "thiếu căn cứ pháp lý"))
    points = _positive_int(raw.get("deprivation_points"), f"{path}.deprivation_points", errors)
    poor_b = _positive_int(raw.get("poor_min_score_b"), f"{path}.poor_min_score_b", errors)
    if points and poor_b and poor_b % points:
        errors.append(
            field_error(f"{path}.poor_min_score_b", "phải là bội số của điểm mỗi chỉ số thiếu hụt")
        )
    wanted = {i.code: (d, i) for d in base.dimensions for i in d.indicators}
    items = raw.get("indicators")
    if not isinstance(items, list):
        errors.append(field_error(f"{path}.indicators", "phải là một danh sách"))
        return None
    found: dict[str, Indicator] = {}
    for n, item in enumerate(items):
        ipath = f"{path}.indicators[{n}]"
        if not isinstance(item, dict):
            errors.append(field_error(ipath, "phải là một đối tượng"))
            continue
        icode = item.get("code")
        if icode not in wanted:
            errors.append(field_error(f"{ipath}.code", f"chỉ số {icode!r} không có trong chuẩn"))
            continue
        if icode in found:
            errors.append(field_error(f"{ipath}.code", f"chỉ số {icode!r} bị lặp"))
            continue
        ibasis = item.get("legal_basis")
        if not isinstance(ibasis, str) or not ibasis.strip():
            errors.append(field_error(f"{ipath}.legal_basis", "thiếu căn cứ pháp lý"))
            continue
        if not isinstance(item.get("verified"), bool):
            errors.append(field_error(f"{ipath}.verified", "phải là true hoặc false"))
            continue
        threshold = _threshold(item.get("threshold"), f"{ipath}.threshold", errors)
        if threshold is None:
            continue
        dim, ind = wanted[icode]
        found[icode] = Indicator(
            icode, ind.name, dim.code, dim.name, ibasis, item["verified"], threshold
        )
    for icode in wanted.keys() - found.keys():
        if not any(isinstance(i, dict) and i.get("code") == icode for i in items):
            errors.append(field_error(f"{path}.indicators", f"thiếu chỉ số {icode!r}"))
    if len(found) != len(wanted) or not isinstance(basis, str):
        return None
    return Standard(
        code=base.code,
        legal_basis=base.legal_basis,
        classification_legal_basis=basis,
        first_year=base.first_year,
        last_year=base.last_year,
        rule=base.rules,
        income=dict(base.income),
        indicators=tuple(found[c] for c in wanted),
        deprivation_points=points,
        poor_min_score_b=poor_b,
        verified=base.verified and all(i.verified for i in found.values()),
    )


def parse_extensions(raw: Any, catalog: Sequence[PovertyStandard]) -> tuple[Standard, ...]:
    """Join ``data/standards.json`` (as parsed JSON) to the catalog; every problem reported."""
    errors: list[FieldError] = []
    by_code = {s.code: s for s in catalog}
    entries = raw.get("standards") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise StandardDataError(errors=[field_error("standards", "phải là một danh sách")])
    parsed: list[Standard] = []
    for n, entry in enumerate(entries):
        std = _extension(entry, f"standards[{n}]", by_code, errors)
        if std is not None:
            if any(s.code == std.code for s in parsed):
                errors.append(field_error(f"standards[{n}].code", f"chuẩn {std.code!r} bị lặp"))
            parsed.append(std)
    ordered = sorted(parsed, key=lambda s: s.first_year)
    for a, b in pairwise(ordered):
        if b.first_year <= a.last_year:
            errors.append(field_error("standards", f"{a.code} và {b.code} chồng lấn năm rà soát"))
    if errors:
        raise StandardDataError(errors=errors)
    return tuple(ordered)


@cache
def standards() -> tuple[Standard, ...]:
    """Every standard the domain can classify with, oldest first."""
    return parse_extensions(load_json("standards.json"), poverty_standards())


def standard_for_year(review_year: int) -> Standard:
    """The standard of a review year (2026 → 2022-2025 kept in force, 2027 → 2027-2030)."""
    for s in standards():
        if s.covers(review_year):
            return s
    raise NoStandard(f"Không có chuẩn nghèo áp dụng cho năm rà soát {review_year}.")


def get_standard(code: str) -> Standard:
    for s in standards():
        if s.code == code:
            return s
    raise NoStandard(f"Không có chuẩn nghèo {code!r}.")
