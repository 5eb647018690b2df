"""Validate the values of a declaration form against its definition: pure.

Returns the cleaned values (dates parsed, names in capitals as the forms ask, text stripped)
and one ``FieldError`` per problem, with the path of the value (``values.children[1].birth_date``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ansinh_common.authz import Level, unit_level
from ansinh_common.catalogs import personal_id
from ansinh_common.catalogs.ethnicities import find_ethnicity
from ansinh_common.errors import FieldError
from dossier.domain.errors import FormInvalid
from dossier.domain.procedures.model import FieldType, Form, FormField

ROOT = "values"


def _err(errors: list[FieldError], path: str, message: str, code: str = "invalid") -> None:
    errors.append(FieldError(path, message, code))


def _scalar(
    spec: FormField, value: Any, path: str, today: dt.date, errors: list[FieldError]
) -> Any:
    t = spec.type
    if t is FieldType.TEXT:
        if not isinstance(value, str):
            return _err(errors, path, "Phải là chuỗi ký tự.")
        text = value.strip()
        if spec.max_length is not None and len(text) > spec.max_length:
            return _err(errors, path, f"Dài quá {spec.max_length} ký tự.", "too_long")
        return text.upper() if spec.uppercase else text
    if t in (FieldType.INTEGER, FieldType.MONEY):
        if isinstance(value, bool) or not isinstance(value, int):
            what = "số tiền nguyên (đồng)" if t is FieldType.MONEY else "số nguyên"
            return _err(errors, path, f"Phải là {what}.")
        low = 0 if t is FieldType.MONEY and spec.minimum is None else spec.minimum
        if low is not None and value < low:
            return _err(errors, path, f"Không được nhỏ hơn {low}.", "out_of_range")
        if spec.maximum is not None and value > spec.maximum:
            return _err(errors, path, f"Không được lớn hơn {spec.maximum}.", "out_of_range")
        return value
    if t is FieldType.DATE:
        day = value if isinstance(value, dt.date) else None
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                day = None
        if day is None:
            return _err(errors, path, "Ngày không hợp lệ (dạng YYYY-MM-DD).")
        if spec.not_in_future and day > today:
            return _err(errors, path, "Ngày không được sau ngày hôm nay.", "in_future")
        return day
    if t is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            return _err(errors, path, "Phải là có hoặc không.")
        return value
    if t is FieldType.CHOICE:
        allowed = [c.value for c in spec.choices]
        if value not in allowed:
            return _err(
                errors, path, "Giá trị không có trong danh sách: " + ", ".join(allowed) + "."
            )
        return value
    if t is FieldType.PERSONAL_ID:
        number = personal_id.normalize(value) if isinstance(value, str) else ""
        if not personal_id.is_valid(number):
            return _err(errors, path, "Số định danh cá nhân phải gồm 12 chữ số hợp lệ.")
        return number
    if t is FieldType.ETHNICITY:
        if not isinstance(value, str) or find_ethnicity(value) is None:
            return _err(errors, path, "Mã dân tộc không có trong danh mục.")
        return value
    if t is FieldType.UNIT_CODE:
        if not isinstance(value, str) or unit_level(value) is not Level.COMMUNE:
            return _err(errors, path, "Mã xã, phường phải gồm 5 chữ số.")
        return value
    raise AssertionError(t)  # GROUP is handled by _value


def _group(
    fields: tuple[FormField, ...], value: Any, path: str, today: dt.date, errors: list[FieldError]
) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        _err(errors, path, "Phải là một nhóm thông tin.")
        return {}
    specs = {f.name: f for f in fields}
    out: dict[str, Any] = {}
    for name in value:
        if name not in specs:
            _err(
                errors,
                _join(path, str(name)),
                "Trường không có trong mẫu tờ khai.",
                "unknown_field",
            )
    for spec in fields:
        where = _join(path, spec.name)
        raw = value.get(spec.name)
        if raw is None or raw == "" or raw == []:
            if spec.required or (spec.repeat and spec.min_items > 0):
                _err(errors, where, f"Chưa khai: {spec.label}.", "required")
            continue
        cleaned = _value(spec, raw, where, today, errors)
        if cleaned is not None:
            out[spec.name] = cleaned
    return out


def _value(spec: FormField, value: Any, path: str, today: dt.date, errors: list[FieldError]) -> Any:
    if spec.type is not FieldType.GROUP:
        return _scalar(spec, value, path, today, errors)
    if not spec.repeat:
        return _group(spec.fields, value, path, today, errors)
    if not isinstance(value, list):
        return _err(errors, path, "Phải là danh sách.")
    if len(value) < spec.min_items:
        _err(errors, path, f"Phải có ít nhất {spec.min_items} mục.", "too_few")
    if spec.max_items is not None and len(value) > spec.max_items:
        _err(errors, path, f"Không được quá {spec.max_items} mục.", "too_many")
    return [
        _group(spec.fields, item, f"{path}[{i}]", today, errors) for i, item in enumerate(value)
    ]


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check_form(
    form: Form, values: Mapping[str, Any], today: dt.date
) -> tuple[dict[str, Any], list[FieldError]]:
    """The cleaned values and every error found (empty when the form is valid)."""
    errors: list[FieldError] = []
    cleaned = _group(form.fields, values, ROOT, today, errors)
    return cleaned, errors


def validate_form(form: Form, values: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """The cleaned values; ``FormInvalid`` (422) naming every wrong field otherwise."""
    cleaned, errors = check_form(form, values, today)
    if errors:
        raise FormInvalid(
            f"Tờ khai {form.id} có {len(errors)} trường thiếu hoặc không hợp lệ.", errors=errors
        )
    return cleaned
