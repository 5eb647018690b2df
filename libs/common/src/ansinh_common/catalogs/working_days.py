"""Working-day calendar for Vietnamese public administration (procedure deadlines).

A day is a working day unless it is a Saturday or Sunday (weekly rest of civil servants,
Decision 188/1999/QĐ-TTg), a public holiday of Labour Code 2019 Art. 112
(New Year, Tết — 5 days, Hùng Kings, 30 Apr, 1 May, National Day 2 days) with its
compensatory day when it falls on a weekend (Art. 112.3) — both computed by the ``holidays``
package (country "VN") — or an extra day off in ``data/working_day_adjustments.json``;
a make-up working day (ngày làm bù) listed there is a working day even on a Saturday.
The adjustments follow the yearly notices of the Ministry of Labour (until 2025) / Home
Affairs (from 2025) for civil servants; the source is recorded per year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from ansinh_common.catalogs._resources import load_json


@dataclass(frozen=True, slots=True)
class Adjustments:
    days_off: frozenset[dt.date]
    make_up_working_days: frozenset[dt.date]
    sources: dict[int, str]


@cache
def adjustments() -> Adjustments:
    data = load_json("working_day_adjustments.json")
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    sources: dict[int, str] = {}
    for year, row in data["years"].items():
        off |= {dt.date.fromisoformat(r["date"]) for r in row["days_off"]}
        work |= {dt.date.fromisoformat(r["date"]) for r in row["make_up_working_days"]}
        sources[int(year)] = row["source"]
    return Adjustments(frozenset(off), frozenset(work), sources)


@cache
def _holidays(year: int) -> frozenset[dt.date]:
    import holidays  # imported on first use: it is slow to import

    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_holiday(d: dt.date) -> bool:
    """A public holiday, compensatory day or decreed day off (weekends not counted)."""
    return d in _holidays(d.year) or d in adjustments().days_off


def is_working_day(d: dt.date) -> bool:
    """Monday–Friday that is not a holiday, or a decreed make-up working day."""
    if d in adjustments().make_up_working_days:
        return True
    return d.weekday() < 5 and not is_holiday(d)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``start`` (before it if ``n`` < 0).

    ``start`` itself is not counted, so n = 0 returns ``start`` unchanged and n = 1 is the
    next working day — the usual way a "within n working days" deadline is counted.
    """
    step = 1 if n >= 0 else -1
    d, left = start, abs(n)
    while left:
        d += dt.timedelta(days=step)
        if is_working_day(d):
            left -= 1
    return d


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in the half-open interval (a, b]; negative if b < a.

    ``add_working_days(a, working_days_between(a, b)) == b`` when b is a working day.
    """
    if b < a:
        return -working_days_between(b, a)
    count, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        count += is_working_day(d)
    return count
