"""Which administrative model applies to a dossier: configuration by date of receipt and province.

Three-level (province, district, commune) until 30 Jun 2025; two-level (province, commune)
from 1 Jul 2025 (Resolution 202/2025/QH15; Decree 147/2025/NĐ-CP Art. 5.1 moves the decision
on the monthly allowance to the commune chair). The periods are data
(``data/administrative_models.json``); a province may have its own periods. A dossier keeps
the model it was received under (``Dossier.model``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from ansinh_common.authz import UnitModel
from ansinh_common.errors import FieldError
from dossier.domain.errors import ProcedureDefinitionError

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 8; Resolution 202/2025/QH15; Decree 147/2025/NĐ-CP Art. 5.1"
)


@dataclass(frozen=True, slots=True)
class ModelPeriod:
    model: UnitModel
    start: dt.date | None  # None: since always
    until: dt.date | None  # inclusive; None: still in force
    legal_basis: str

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True, slots=True)
class ModelSelector:
    periods: tuple[ModelPeriod, ...]
    province_overrides: Mapping[str, tuple[ModelPeriod, ...]]

    def period_for(self, received_on: dt.date, province_code: str) -> ModelPeriod:
        for period in (*self.province_overrides.get(province_code, ()), *self.periods):
            if period.covers(received_on):
                return period
        raise LookupError(f"no administrative model covers {received_on} in {province_code}")

    def model_for(self, received_on: dt.date, province_code: str) -> UnitModel:
        return self.period_for(received_on, province_code).model


def _date(raw: Any, path: str, errors: list[FieldError]) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        errors.append(FieldError(path, "Ngày phải theo dạng YYYY-MM-DD.", "invalid_definition"))
        return None


def _periods(rows: Sequence[Any], path: str, errors: list[FieldError]) -> tuple[ModelPeriod, ...]:
    out = []
    for i, row in enumerate(rows):
        where = f"{path}[{i}]"
        try:
            model = UnitModel(row["model"])
        except (KeyError, TypeError, ValueError):
            errors.append(
                FieldError(f"{where}.model", "Mô hình không hợp lệ.", "invalid_definition")
            )
            continue
        start, until = (
            _date(row.get("from"), f"{where}.from", errors),
            _date(row.get("until"), f"{where}.until", errors),
        )
        if start and until and until < start:
            errors.append(
                FieldError(where, "Ngày kết thúc trước ngày bắt đầu.", "invalid_definition")
            )
        out.append(ModelPeriod(model, start, until, str(row.get("legal_basis", ""))))
    ordered = sorted(out, key=lambda p: p.start or dt.date.min)
    for a, b in pairwise(ordered):
        if a.until is None or b.start is None or b.start <= a.until:
            errors.append(FieldError(path, "Các giai đoạn chồng lấn nhau.", "invalid_definition"))
    return tuple(ordered)


def parse_selector(doc: Mapping[str, Any]) -> ModelSelector:
    """Build a selector from the configuration document; raise with every problem found."""
    errors: list[FieldError] = []
    periods = _periods(doc.get("periods") or [], "periods", errors)
    if not periods:
        errors.append(FieldError("periods", "Phải có ít nhất một giai đoạn.", "invalid_definition"))
    overrides = {
        str(code): _periods(rows, f"province_overrides.{code}", errors)
        for code, rows in (doc.get("province_overrides") or {}).items()
    }
    if errors:
        raise ProcedureDefinitionError(
            "Cấu hình mô hình tổ chức hành chính không hợp lệ.", errors=errors
        )
    return ModelSelector(periods, overrides)


@cache
def shipped_selector() -> ModelSelector:
    raw = resources.files("dossier.domain").joinpath("data", "administrative_models.json")
    return parse_selector(json.loads(raw.read_text(encoding="utf-8")))
