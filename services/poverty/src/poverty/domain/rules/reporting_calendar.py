"""The reporting calendar of reviews, and which units are late.

* Monthly: the regular-review results are due on the 5th of each month from February to
  September (commune → province), for the previous month.
* Annual: preliminary results before 15 November, official results before 20 December
  (so the last day is the 14th and the 19th).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

LEGAL_BASIS = (
    "Decision 24/2021/QĐ-TTg (reporting: monthly on the 5th, Feb-Sep; annual before 15 Nov "
    "and 20 Dec)"
)

MONTHLY_DAY = 5
MONTHLY_MONTHS = range(2, 10)  # February .. September
PRELIMINARY_BEFORE = (11, 15)
OFFICIAL_BEFORE = (12, 20)


class ReportKind(StrEnum):
    MONTHLY = "monthly"
    ANNUAL_PRELIMINARY = "annual_preliminary"
    ANNUAL_OFFICIAL = "annual_official"


@dataclass(frozen=True, slots=True)
class ReportDue:
    kind: ReportKind
    year: int
    month: int | None  # the month the report is due in (monthly reports)
    last_day: dt.date  # submitted on or before this day is on time

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.year}" + (f"-{self.month:02d}" if self.month else "")


def reports_due(year: int) -> tuple[ReportDue, ...]:
    """Every report of ``year``, in the order they fall due."""
    monthly = tuple(
        ReportDue(ReportKind.MONTHLY, year, m, dt.date(year, m, MONTHLY_DAY))
        for m in MONTHLY_MONTHS
    )
    day = dt.timedelta(days=1)
    return (
        *monthly,
        ReportDue(
            ReportKind.ANNUAL_PRELIMINARY, year, None, dt.date(year, *PRELIMINARY_BEFORE) - day
        ),
        ReportDue(ReportKind.ANNUAL_OFFICIAL, year, None, dt.date(year, *OFFICIAL_BEFORE) - day),
    )


def late_units(
    due: ReportDue,
    units: Iterable[str],
    submitted_on: Mapping[str, dt.date],
    today: dt.date,
) -> tuple[str, ...]:
    """Units late with ``due``: submitted after the last day, or not submitted once it passed."""
    late = []
    for unit in units:
        sent = submitted_on.get(unit)
        if (sent is not None and sent > due.last_day) or (sent is None and today > due.last_day):
            late.append(unit)
    return tuple(sorted(late))


def overdue(year: int, today: dt.date) -> tuple[ReportDue, ...]:
    """Reports of ``year`` whose last day has passed on ``today``."""
    return tuple(d for d in reports_due(year) if today > d.last_day)
