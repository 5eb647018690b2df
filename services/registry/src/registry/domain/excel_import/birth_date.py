"""The "Ngày sinh" cell of a legacy list: full dates, and birth years typed alone.

Legacy lists often know only the birth year, typed as a bare number (1957). In a date-formatted
cell Excel stores that number as a day serial (1957 → 10/05/1905), so a reader that trusts the
format gets a 120-year-old person. The legacy convention is kept instead: a bare 4-digit year
is 01/01 of that year, flagged "year only" (the same convention the civil-status books use for
a person whose day and month of birth are unknown). A serial that gives an impossible birth
date (before ``OLDEST_AGE`` years ago, or after today) is an error, never silently kept.

Source: issue 11 (2022 cleaning campaign lists); Decree 20/2021/NĐ-CP Art. 5 groups by age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from registry.domain.excel_import.cells import CellError

SOURCE = "legacy lists of the 2022 cleaning campaign: a year alone means 01/01 (issue 11)"
OLDEST_AGE = 120
_EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Excel's 1900 date system
_FIRST_YEAR = 1900


@dataclass(frozen=True, slots=True)
class BirthDate:
    value: date
    year_only: bool = False


def _serial(day: date) -> int:
    return (day - _EXCEL_EPOCH).days


def _year_only(year: int, today: date) -> BirthDate:
    if not _FIRST_YEAR <= year <= today.year:
        raise CellError(f"năm sinh {year} không hợp lệ")
    return BirthDate(date(year, 1, 1), year_only=True)


def _checked(day: date, today: date, how: str) -> BirthDate:
    if day > today:
        raise CellError(f"ngày sinh {day:%d/%m/%Y} sau ngày hiện tại")
    if day.year < today.year - OLDEST_AGE:
        raise CellError(
            f"{how} cho ngày sinh {day:%d/%m/%Y} (trên {OLDEST_AGE} tuổi) — không thể là ngày "
            "sinh; nếu chỉ biết năm sinh, nhập 4 chữ số năm"
        )
    return BirthDate(day)


def parse_birth_date(value: object, today: date) -> BirthDate:
    """A date, a year alone (number or text of 4 digits), or text ``DD/MM/YYYY``."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        # A date cell holding a year typed as a number: its serial is the year.
        if _FIRST_YEAR <= _serial(value) <= today.year:
            return _year_only(_serial(value), today)
        return _checked(value, today, "giá trị trong ô")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and _FIRST_YEAR <= value <= today.year:
            return _year_only(int(value), today)
        if not 1 <= value < 200_000:
            raise CellError("ngày không hợp lệ (định dạng DD/MM/YYYY)")
        return _checked(_EXCEL_EPOCH + timedelta(days=int(value)), today, f"số {value:g}")
    raw = str(value).strip()
    if re.fullmatch(r"\d{4}(\.0)?", raw):
        return _year_only(int(raw[:4]), today)
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw)
    if match is None:
        raise CellError("ngày không hợp lệ (định dạng DD/MM/YYYY)")
    day, month, year = (int(g) for g in match.groups())
    try:
        return _checked(date(year, month, day), today, "ngày")
    except ValueError as exc:
        raise CellError("ngày không hợp lệ") from exc
