"""Plausible input: dates within bounds, text without control characters (issue 9).

Checked twice: at the gateway's edge (from the OpenAPI contract) and again in each service's
domain, so that a caller that reaches a service directly cannot store absurd values either
(a birth date in the year 293, a decision number with control characters). Plain Python.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ansinh_common.errors import FieldError

EARLIEST_DATE = date(1900, 1, 1)
"""No person, decision or event recorded by the platform is older (births included)."""
LATEST_DATE = date(2099, 12, 31)
"""No decision, event or period recorded by the platform lies further ahead."""

ALLOWED_CONTROLS = frozenset("\t\n\r")
"""Line breaks and tabs may appear in free text (addresses, reasons); no other control."""

MSG_DATE_RANGE = "Ngày phải nằm trong khoảng từ 01/01/1900 đến 31/12/2099."
MSG_CONTROL = "Không được chứa ký tự điều khiển."
CODE_DATE_RANGE = "out_of_range"
CODE_CONTROL = "control_characters"


def has_control_characters(text: str) -> bool:
    """True if ``text`` holds a control character (other than tab and line breaks), a lone
    surrogate or a Unicode non-character."""
    for char in text:
        kind = unicodedata.category(char)
        if (kind == "Cc" and char not in ALLOWED_CONTROLS) or kind == "Cs":
            return True
        if (ord(char) & 0xFFFE) == 0xFFFE:  # U+xxFFFE, U+xxFFFF
            return True
    return False


def date_in_range(value: date) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_DATE <= day <= LATEST_DATE


def date_error(value: date, path: str) -> FieldError | None:
    return None if date_in_range(value) else FieldError(path, MSG_DATE_RANGE, CODE_DATE_RANGE)


def text_error(value: str, path: str) -> FieldError | None:
    return FieldError(path, MSG_CONTROL, CODE_CONTROL) if has_control_characters(value) else None


def implausible(
    value: Any, path: str = "", *, skip: Iterable[str] = (), flatten: Iterable[str] = ()
) -> list[FieldError]:
    """Every implausible date or text inside ``value`` (dataclasses, mappings, sequences),
    named by its dotted path. Fields named in ``skip`` are not visited; those in ``flatten``
    are visited without adding their own name to the path."""
    errors: list[FieldError] = []
    _walk(value, path, frozenset(skip), frozenset(flatten), errors)
    return errors


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path and name else path or name


def _walk(
    value: Any, path: str, skip: frozenset[str], flatten: frozenset[str], out: list[FieldError]
) -> None:
    found: FieldError | None = None
    if isinstance(value, str):
        found = text_error(value, path)
    elif isinstance(value, date):
        found = date_error(value, path)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in skip:
                name = "" if f.name in flatten else f.name
                _walk(getattr(value, f.name), _join(path, name), skip, flatten, out)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _walk(item, _join(path, str(key)), skip, flatten, out)
    elif isinstance(value, list | tuple | frozenset | set):
        for index, item in enumerate(value):
            _walk(item, f"{path}[{index}]", skip, flatten, out)
    if found is not None:
        out.append(found)
