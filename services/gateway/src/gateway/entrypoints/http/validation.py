"""FastAPI/pydantic validation errors → field errors with paths and Vietnamese messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ansinh_common.errors import FieldError, InvalidInput

_MESSAGES: dict[str, str] = {
    "missing": "Trường này là bắt buộc.",
    "extra_forbidden": "Trường này không được phép.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Quá ngắn (tối thiểu {min_length} ký tự).",
    "string_too_long": "Quá dài (tối đa {max_length} ký tự).",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "float_type": "Phải là số.",
    "float_parsing": "Phải là số.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "greater_than": "Phải lớn hơn {gt}.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "datetime_parsing": "Thời điểm không hợp lệ (định dạng ISO 8601).",
    "uuid_parsing": "Phải là UUID hợp lệ.",
    "enum": "Phải là một trong các giá trị: {expected}.",
    "literal_error": "Phải là một trong các giá trị: {expected}.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "too_short": "Quá ít phần tử (tối thiểu {min_length}).",
    "too_long": "Quá nhiều phần tử (tối đa {max_length}).",
}
_DEFAULT = "Giá trị không hợp lệ."


def field_path(loc: Sequence[Any]) -> str:
    """``("body", "members", 2, "national_id")`` → ``members[2].national_id``.

    Body fields are named from the body's root; other locations keep their prefix
    (``query.page_size``, ``path.dossier_id``, ``header.x-request-id``).
    """
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[1:]
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _message(kind: str, ctx: Mapping[str, Any] | None) -> str:
    template = _MESSAGES.get(kind, _DEFAULT)
    try:
        return template.format(**(ctx or {}))
    except (KeyError, IndexError, ValueError):
        return _DEFAULT


def invalid_input(errors: Iterable[Mapping[str, Any]]) -> InvalidInput:
    """One :class:`InvalidInput` listing every invalid field."""
    fields = [_field_error(e) for e in errors]
    return InvalidInput(
        "Yêu cầu có dữ liệu không hợp lệ, xem danh sách lỗi theo trường.", errors=fields
    )


def _field_error(error: Mapping[str, Any]) -> FieldError:
    kind = str(error.get("type") or "invalid")
    loc = error.get("loc", ())
    if kind == "json_invalid":  # loc is ("body", <character offset>), not a field
        position = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        where = f" (tại ký tự thứ {position + 1})" if position is not None else ""
        return FieldError("body", f"{_MESSAGES['json_invalid'][:-1]}{where}.", kind)
    return FieldError(field_path(loc), _message(kind, error.get("ctx")), kind)
