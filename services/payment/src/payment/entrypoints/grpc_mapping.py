"""Messages ↔ domain values of ``ansinh.payment.v1`` (months as "YYYY-MM", VND as int64)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.payment.v1 import payment_pb2 as pb
from ansinh_common.errors import FieldError, InvalidInput
from payment.domain.citations import condition_label, vietnamese_basis
from payment.domain.explain import AmountPart, Explanation
from payment.domain.months import Month
from payment.domain.payment_list import PaymentList
from payment.domain.policy import (
    STANDARD_LEVEL_KEY,
    HigherStandardLevel,
    ProvinceAllowance,
    Resolution,
    Setting,
)
from payment.domain.rules.list_deadline import due_before
from payment.service_layer.read_ports import LineView


def month_of(value: str, field: str, *, required: bool = True) -> Month | None:
    """``"2024-07"`` → ``Month(2024, 7)``; a missing or malformed month is a 422 naming it."""
    text = value.strip()
    if not text and not required:
        return None
    try:
        year, sep, month = text.partition("-")
        if not (sep and len(year) == 4 and len(month) == 2):
            raise ValueError(text)
        found = Month(int(year), int(month))
        if not 1 <= found.month <= 12 or found.year < 2000:
            raise ValueError(text)
        return found
    except ValueError:
        message = f"Tháng phải có dạng YYYY-MM (ví dụ 2024-07), nhận được '{value}'."
        raise InvalidInput(errors=[FieldError(field, message, "format")]) from None


def month(value: str, field: str = "month") -> Month:
    found = month_of(value, field)
    assert found is not None
    return found


def date_of(value: common_pb2.Date, field: str) -> date | None:
    if not (value.year or value.month or value.day):
        return None
    try:
        return date(value.year, value.month, value.day)
    except ValueError:
        raise InvalidInput(errors=[FieldError(field, "Ngày không hợp lệ.", "format")]) from None


def pb_date(day: date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def setting_from_pb(s: pb.ProvinceSetting) -> Setting:
    errors: list[FieldError] = []
    start = month_of(s.effective_from, "setting.effective_from")
    signed = date_of(s.resolution_signed_on, "setting.resolution_signed_on")
    if signed is None:
        errors.append(FieldError("setting.resolution_signed_on", "Thiếu ngày nghị quyết.",
                                 "required"))  # fmt: skip
    coefficient: Decimal | None = None
    if s.coefficient.strip():
        try:
            coefficient = Decimal(s.coefficient.strip())
        except InvalidOperation:
            errors.append(FieldError("setting.coefficient", "Hệ số phải là số thập phân."))
        else:  # stored as NUMERIC(6, 2)
            if not (0 < coefficient < 100 and coefficient == round(coefficient, 2)):
                errors.append(FieldError("setting.coefficient", "Hệ số lớn hơn 0, nhỏ hơn 100, "
                                         "tối đa 2 chữ số thập phân.", "range"))  # fmt: skip
    if s.kind not in ("standard_level", "allowance"):
        errors.append(FieldError("setting.kind", "Loại thiết lập là standard_level hoặc "
                                 "allowance.", "invalid"))  # fmt: skip
    if errors:
        raise InvalidInput("Thiết lập chính sách của tỉnh không hợp lệ.", errors=errors)
    assert start is not None and signed is not None
    resolution = Resolution(s.resolution_number.strip(), signed)
    if s.kind == "standard_level":
        return HigherStandardLevel(s.amount_vnd, start, resolution)
    return ProvinceAllowance(
        key=s.key.strip(), name=s.name.strip(), groups=frozenset(s.groups),
        effective_from=start, resolution=resolution, amount=s.amount_vnd,
        coefficient=coefficient,
    )  # fmt: skip


def setting_to_pb(s: Setting, used_through: Month | None = None) -> pb.ProvinceSetting:
    out = pb.ProvinceSetting(
        key=s.key, effective_from=str(s.effective_from), resolution_number=s.resolution.number,
        resolution_signed_on=pb_date(s.resolution.signed_on),
        used_through=str(used_through) if used_through else "",
    )  # fmt: skip
    if isinstance(s, HigherStandardLevel) or s.key == STANDARD_LEVEL_KEY:
        out.kind, out.amount_vnd = "standard_level", s.amount
        return out
    out.kind, out.name, out.amount_vnd = "allowance", s.name, s.amount
    out.groups.extend(sorted(s.groups))
    out.coefficient = str(s.coefficient) if s.coefficient is not None else ""
    return out


def header_to_pb(pl: PaymentList) -> pb.PaymentListHeader:
    return pb.PaymentListHeader(
        list_id=pl.id, province_code=pl.province_code, commune_code=pl.commune_code,
        month=str(pl.month), state=pl.state.value, prepared_by=pl.prepared_by,
        approved_by=pl.approved_by or "", line_count=pl.line_count, total_vnd=pl.total,
        setting_keys=sorted(pl.setting_keys), due_before=pb_date(due_before(pl.month)),
        prepared_by_name=pl.prepared_by_name, approved_by_name=pl.approved_by_name,
    )  # fmt: skip


def _text(part: Mapping[str, Any], key: str) -> str:
    value = part.get(key)
    return "" if value is None else str(value)


def stored_part_to_pb(part: Mapping[str, Any]) -> pb.AmountPart:
    """A part of a stored line's breakdown (JSON written by the generation query); legal
    bases and conditions as users read them (``domain/citations.py``)."""
    level = part.get("standard_level")
    return pb.AmountPart(
        kind=_text(part, "kind"), amount_vnd=int(part.get("amount") or 0),
        group=_text(part, "group"), condition=_text(part, "condition"),
        condition_label=condition_label(_text(part, "condition")),
        coefficient=_text(part, "coefficient"),
        standard_level_vnd=int(level) if level is not None else 0,
        standard_level_basis=vietnamese_basis(_text(part, "standard_level_basis")),
        legal_basis=vietnamese_basis(_text(part, "legal_basis")),
        description=_text(part, "description"),
        setting_key=_text(part, "setting_key"), month=_text(part, "month"),
    )  # fmt: skip


def line_to_pb(line: LineView) -> pb.PaymentLine:
    return pb.PaymentLine(
        line_id=line.line_id, national_id=line.national_id, full_name=line.full_name,
        kind=line.kind, month_for=str(line.month_for), amount_vnd=line.amount,
        needs_review=line.needs_review, parts=[stored_part_to_pb(p) for p in line.parts],
        corrects_line_id=line.corrects_line_id or "", reason=line.reason or "",
    )  # fmt: skip


def part_to_pb(part: AmountPart) -> pb.AmountPart:
    return pb.AmountPart(
        kind=part.kind.value, amount_vnd=part.amount, group=part.group or "",
        condition=part.condition or "", condition_label=condition_label(part.condition),
        coefficient=str(part.coefficient) if part.coefficient is not None else "",
        standard_level_vnd=part.standard_level or 0,
        standard_level_basis=vietnamese_basis(part.standard_level_basis or ""),
        legal_basis=vietnamese_basis(part.legal_basis),
        description=part.description, setting_key=part.setting_key or "",
        month=str(part.month) if part.month else "",
    )  # fmt: skip


def explanation_to_pb(national_id: str, e: Explanation) -> pb.ExplainMonthResponse:
    level = e.standard_level
    return pb.ExplainMonthResponse(
        national_id=national_id, month=str(e.month),
        standard_level_vnd=level.amount if level else 0,
        standard_level_basis=vietnamese_basis(level.legal_basis) if level else "",
        province_level=level.province_setting if level else False,
        parts=[part_to_pb(p) for p in e.parts],
        not_paid=[f"{g.group} {g.coefficient}" for g in e.not_paid],
        transitions=[
            pb.Transition(record_id=t.record_id, age=t.age, before=t.before or "",
                          after=t.after or "", message=t.message)
            for t in e.transitions
        ],
        findings=list(e.findings), total_vnd=e.total,
    )  # fmt: skip
