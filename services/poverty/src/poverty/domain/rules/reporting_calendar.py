"""The reporting calendar of reviews, and which units are late.

* Monthly: the regular-review results are due on the 5th of each month from February to
  September (commune → province), for the previous month.
* Annual: preliminary results before 15 November, official results before 20 December
  (so the last day is the 14th and the 19th).

When a unit's results are in (``submitted``), read from its reviews:

* monthly report due in month ``m``: the regular reviews started in month ``m - 1``; only a
  commune that had one owes the report, and its results are in when every one of them is
  decided (the last decision's day);
* annual preliminary: every commune owes it; in when its annual review reached public posting
  (the village meetings' results, step 4: the day posting started);
* annual official: in when its annual review is decided (the decision's day).

A province's results are in when all its communes' are (the last one's day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

LEGAL_BASIS = (
    "Decision 24/2021/QĐ-TTg (reporting: monthly on the 5th, Feb-Sep; annual before 15 Nov "
    "and 20 Dec)"
)

VERIFIED = False  # DOMAIN.md "(verify)": Circular 13/2025/TT-BNNMT may have changed the dates

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


@dataclass(frozen=True, slots=True)
class ReviewDates:
    """What the calendar reads of a commune's review."""

    annual: bool
    started_on: dt.date
    posting_started_on: dt.date | None
    decided_on: dt.date | None


def report_due(kind: ReportKind, year: int, month: int | None = None) -> ReportDue:
    """The report of ``kind`` for ``year`` (a monthly one: due in ``month``, 2-9)."""
    for due in reports_due(year):
        if due.kind is kind and (kind is not ReportKind.MONTHLY or due.month == month):
            return due
    raise ValueError(f"no {kind.value} report due in month {month}")


def owes(due: ReportDue, reviews: Sequence[ReviewDates]) -> bool:
    """Does a commune with these reviews owe the report?"""
    return due.kind is not ReportKind.MONTHLY or bool(_period_reviews(due, reviews))


def submitted(due: ReportDue, reviews: Sequence[ReviewDates]) -> dt.date | None:
    """The day a commune's results for ``due`` were in, or None when they are not."""
    relevant = _period_reviews(due, reviews)
    if due.kind is ReportKind.ANNUAL_PRELIMINARY:
        days = [r.posting_started_on for r in relevant]
    else:
        days = [r.decided_on for r in relevant]
    if not days or any(d is None for d in days):
        return None
    return max(d for d in days if d is not None)


def submitted_by_all(days: Iterable[dt.date | None]) -> dt.date | None:
    """A province's day: the last of its communes', None while one is missing."""
    found = list(days)
    if not found or any(d is None for d in found):
        return None
    return max(d for d in found if d is not None)


def _period_reviews(due: ReportDue, reviews: Sequence[ReviewDates]) -> list[ReviewDates]:
    if due.kind is ReportKind.MONTHLY:
        assert due.month is not None
        return [
            r
            for r in reviews
            if not r.annual and (r.started_on.year, r.started_on.month) == (due.year, due.month - 1)
        ]
    return [r for r in reviews if r.annual and r.started_on.year == due.year]
