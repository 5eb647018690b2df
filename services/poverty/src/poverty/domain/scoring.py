"""The scored survey (Phiếu B) as versioned data: items with points by region, thresholds.

A scoring model belongs to a standard and has validity dates; its score A (an income proxy)
is the base points of the region plus the points of each chosen option, and its bands turn the
score into an :class:`IncomeBand`. The parser refuses bands with gaps or overlaps (each
region's bands start at 0, each next one starts one point above the last, and only the last is
open-ended) and reports every problem with its path. Tables that could not be checked against
the circular ship with ``verified: false`` and their ``source``; replacing a file changes the
scores without code (``data/scoring/*.json``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ansinh_common.errors import FieldError
from poverty.domain.errors import NoStandard, StandardDataError, SurveyInvalid, field_error
from poverty.domain.package_data import list_json, load_json
from poverty.domain.standards import IncomeBand


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: str
    points: Mapping[str, int]  # region -> points


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    question: str
    options: tuple[Option, ...]

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True, slots=True)
class Band:
    band: IncomeBand
    min: int
    max: int | None  # inclusive; None: open-ended


@dataclass(frozen=True, slots=True)
class ScoringModel:
    code: str
    standard: str
    version: int
    valid_from: dt.date
    valid_to: dt.date  # inclusive
    legal_basis: str
    regions: tuple[str, ...]
    base_points: Mapping[str, int]
    bands: Mapping[str, tuple[Band, ...]]
    items: tuple[Item, ...]
    verified: bool
    thresholds_verified: bool
    source: str

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def score_a(self, region: str, answers: Mapping[str, str]) -> int:
        """Score A of a household's answers (item code -> option code) in ``region``."""
        if region not in self.regions:
            raise SurveyInvalid(
                errors=[field_error("region", f"vùng {region!r} không có trong mô hình")]
            )
        errors: list[FieldError] = []
        total = self.base_points[region]
        for item in self.items:
            chosen = answers.get(item.code)
            option = item.option(chosen) if chosen is not None else None
            if option is None:
                what = "thiếu câu trả lời" if chosen is None else f"lựa chọn {chosen!r} không có"
                errors.append(field_error(f"answers.{item.code}", what, "required"))
                continue
            total += option.points[region]
        for code in answers.keys() - {i.code for i in self.items}:
            errors.append(field_error(f"answers.{code}", "câu hỏi không có trong phiếu"))
        if errors:
            raise SurveyInvalid(errors=errors)
        return total

    def band(self, region: str, score: int) -> IncomeBand:
        for b in self.bands[region]:
            if score >= b.min and (b.max is None or score <= b.max):
                return b.band
        raise SurveyInvalid(errors=[field_error("score_a", f"điểm {score} nằm ngoài thang điểm")])

    def threshold(self, region: str, band: IncomeBand = IncomeBand.POOR_LINE) -> int | None:
        """The highest score of ``band`` in ``region`` (140 rural / 175 urban for 2022-2025)."""
        return next((b.max for b in self.bands[region] if b.band is band), None)


def _int(raw: Any, path: str, errors: list[FieldError], minimum: int = 0) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < minimum:
        errors.append(field_error(path, f"phải là số nguyên từ {minimum} trở lên"))
        return minimum
    return raw


def _date(raw: Any, path: str, errors: list[FieldError]) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        errors.append(field_error(path, "phải là ngày dạng YYYY-MM-DD"))
        return dt.date.min


def _points(
    raw: Any, path: str, regions: Sequence[str], errors: list[FieldError]
) -> dict[str, int]:
    if not isinstance(raw, dict):
        errors.append(field_error(path, "phải là bảng điểm theo vùng"))
        return {}
    for extra in raw.keys() - set(regions):
        errors.append(field_error(f"{path}.{extra}", "vùng không khai báo trong regions"))
    return {r: _int(raw.get(r), f"{path}.{r}", errors) for r in regions}


def _bands(raw: Any, path: str, errors: list[FieldError]) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        errors.append(field_error(path, "phải là danh sách ngưỡng không rỗng"))
        return ()
    bands: list[Band] = []
    expected_min = 0
    for n, b in enumerate(raw):
        bpath = f"{path}[{n}]"
        if not isinstance(b, dict):
            errors.append(field_error(bpath, "phải là một đối tượng"))
            return ()
        try:
            band = IncomeBand(str(b.get("band")))
        except ValueError:
            errors.append(field_error(f"{bpath}.band", f"khoảng không hợp lệ: {b.get('band')!r}"))
            return ()
        low = _int(b.get("min"), f"{bpath}.min", errors)
        high = b.get("max")
        last = n == len(raw) - 1
        if low != expected_min:
            what = "hở" if low > expected_min else "chồng lấn"
            errors.append(
                field_error(f"{bpath}.min", f"ngưỡng {what}: phải bắt đầu từ {expected_min}")
            )
        if high is None:
            if not last:
                errors.append(field_error(f"{bpath}.max", "chỉ ngưỡng cuối cùng được để trống"))
                return ()
        elif not isinstance(high, int) or isinstance(high, bool) or high < low:
            errors.append(field_error(f"{bpath}.max", "phải là số nguyên không nhỏ hơn min"))
            return ()
        elif last:
            errors.append(
                field_error(f"{bpath}.max", "ngưỡng cuối cùng phải để trống (không giới hạn)")
            )
        if any(x.band is band for x in bands):
            errors.append(field_error(f"{bpath}.band", f"khoảng {band.value!r} bị lặp"))
        bands.append(Band(band, low, high))
        expected_min = (high if high is not None else low) + 1
    return tuple(bands)


def parse_scoring_model(raw: Any, where: str = "") -> ScoringModel:
    """A scoring model from its parsed JSON; raises :class:`StandardDataError` with paths."""
    p = f"{where}." if where else ""
    if not isinstance(raw, dict):
        raise StandardDataError(errors=[field_error(where or "$", "phải là một đối tượng")])
    errors: list[FieldError] = []
    texts = {}
    for key in ("code", "standard", "legal_basis", "source"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            errors.append(field_error(f"{p}{key}", "bắt buộc"))
        texts[key] = value if isinstance(value, str) else ""
    flags = {}
    for key in ("verified", "thresholds_verified"):
        if not isinstance(raw.get(key), bool):
            errors.append(field_error(f"{p}{key}", "phải là true hoặc false"))
        flags[key] = raw.get(key) is True
    version = _int(raw.get("version"), f"{p}version", errors, minimum=1)
    valid_from = _date(raw.get("valid_from"), f"{p}valid_from", errors)
    valid_to = _date(raw.get("valid_to"), f"{p}valid_to", errors)
    if valid_from > valid_to:
        errors.append(field_error(f"{p}valid_to", "phải sau valid_from"))
    regions_raw = raw.get("regions")
    if (
        not isinstance(regions_raw, list)
        or not regions_raw
        or not all(isinstance(r, str) for r in regions_raw)
    ):
        errors.append(field_error(f"{p}regions", "phải là danh sách vùng không rỗng"))
        regions: tuple[str, ...] = ()
    else:
        regions = tuple(regions_raw)
    base = _points(raw.get("base_points"), f"{p}base_points", regions, errors)
    bands_raw: dict[str, Any] = raw["bands"] if isinstance(raw.get("bands"), dict) else {}
    bands = {r: _bands(bands_raw.get(r), f"{p}bands.{r}", errors) for r in regions}
    items: list[Item] = []
    items_raw = raw.get("items")
    if not isinstance(items_raw, list):
        errors.append(field_error(f"{p}items", "phải là một danh sách"))
        items_raw = []
    for n, it in enumerate(items_raw):
        ipath = f"{p}items[{n}]"
        if not isinstance(it, dict) or not isinstance(it.get("code"), str):
            errors.append(field_error(ipath, "thiếu mã câu hỏi"))
            continue
        if any(i.code == it["code"] for i in items):
            errors.append(field_error(f"{ipath}.code", f"câu hỏi {it['code']!r} bị lặp"))
        options: list[Option] = []
        for m, op in enumerate(it.get("options") or []):
            opath = f"{ipath}.options[{m}]"
            if not isinstance(op, dict) or not isinstance(op.get("code"), str):
                errors.append(field_error(opath, "thiếu mã lựa chọn"))
                continue
            pts = _points(op.get("points"), f"{opath}.points", regions, errors)
            options.append(Option(op["code"], str(op.get("label", "")), pts))
        if not options:
            errors.append(field_error(f"{ipath}.options", "câu hỏi phải có lựa chọn"))
        items.append(Item(it["code"], str(it.get("question", "")), tuple(options)))
    if errors:
        raise StandardDataError(errors=errors)
    return ScoringModel(
        code=texts["code"],
        standard=texts["standard"],
        version=version,
        valid_from=valid_from,
        valid_to=valid_to,
        legal_basis=texts["legal_basis"],
        regions=regions,
        base_points=base,
        bands=bands,
        items=tuple(items),
        verified=flags["verified"],
        thresholds_verified=flags["thresholds_verified"],
        source=texts["source"],
    )


def check_no_overlap(models: Sequence[ScoringModel]) -> None:
    """Two models of one standard may not be valid on the same day."""
    errors: list[FieldError] = []
    for n, a in enumerate(models):
        for b in models[n + 1 :]:
            if (
                a.standard == b.standard
                and a.valid_from <= b.valid_to
                and b.valid_from <= a.valid_to
            ):
                errors.append(
                    field_error("scoring", f"{a.code} và {b.code} trùng thời gian hiệu lực")
                )
    if errors:
        raise StandardDataError(errors=errors)


@cache
def scoring_models() -> tuple[ScoringModel, ...]:
    models = tuple(
        parse_scoring_model(load_json("scoring", name), f"scoring/{name}")
        for name in list_json("scoring")
    )
    check_no_overlap(models)
    return models


def scoring_model_for(standard_code: str, on: dt.date) -> ScoringModel:
    """The scoring model of a standard valid on the survey date."""
    for m in scoring_models():
        if m.standard == standard_code and m.valid_on(on):
            return m
    raise NoStandard(
        f"Không có phiếu chấm điểm của chuẩn {standard_code} áp dụng ngày {on:%d/%m/%Y}."
    )
