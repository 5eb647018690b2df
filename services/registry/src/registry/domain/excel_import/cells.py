"""Parsing one raw cell of the template (as typed, or as openpyxl read it).

Each parser returns the value or raises :class:`CellError` with a Vietnamese message.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from registry.domain.months import Month

_EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Excel's 1900 date system


class CellError(ValueError):
    """A cell that cannot be read; ``str()`` is the message shown to the user."""


def norm(text: object) -> str:
    """Compare labels ignoring case, spacing and Unicode form."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    """Text as typed; whole numbers read as floats lose their ``.0`` (IDs, account numbers)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: object) -> date:
    """An Excel date, a serial day number, or text ``DD/MM/YYYY``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 200_000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(value).strip())
    if match is None:
        raise CellError("ngày không hợp lệ (định dạng DD/MM/YYYY)")
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError("ngày không hợp lệ") from exc


def parse_month(value: object) -> Month:
    """Text ``MM/YYYY``, a date (its month) or a ``(year, month)`` pair."""
    if isinstance(value, date):
        return Month(value.year, value.month)
    if isinstance(value, tuple) and len(value) == 2:
        year, month = value
    else:
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", str(value).strip())
        if match is None:
            raise CellError("tháng không hợp lệ (định dạng MM/YYYY)")
        month, year = (int(g) for g in match.groups())
    try:
        return Month(int(year), int(month))
    except (TypeError, ValueError) as exc:
        raise CellError("tháng không hợp lệ") from exc


def parse_decimal(value: object) -> Decimal:
    """A number; a decimal comma ("1,5") is accepted."""
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise CellError("không phải là số") from exc
    if not number.is_finite():
        raise CellError("không phải là số")
    return number
