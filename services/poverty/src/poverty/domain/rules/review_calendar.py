"""When reviews run: the annual campaign and the monthly regular review.

* Annual review (rà soát định kỳ): per commune, from 1 September to 14 December of the year;
  the commune chair's decision comes by 14 December.
* Regular review (rà soát thường xuyên): once a month, starting from the 15th; the decision
  and certificates come within 15 days of the start.
"""

from __future__ import annotations

import datetime as dt

from poverty.domain.errors import OutsideReviewPeriod

LEGAL_BASIS = (
    "Decision 24/2021/QĐ-TTg (annual review 1 Sep-14 Dec; regular review monthly, 15 days)"
)

ANNUAL_START = (9, 1)
ANNUAL_END = (12, 14)
REGULAR_START_DAY = 15
REGULAR_DECISION_DAYS = 15


def annual_window(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, *ANNUAL_START), dt.date(year, *ANNUAL_END)


def check_annual_start(year: int, on: dt.date) -> None:
    first, last = annual_window(year)
    if not first <= on <= last:
        raise OutsideReviewPeriod(
            f"Rà soát định kỳ năm {year} chỉ diễn ra từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}."
        )


def check_regular_start(on: dt.date) -> None:
    if on.day < REGULAR_START_DAY:
        raise OutsideReviewPeriod(
            f"Rà soát thường xuyên hằng tháng bắt đầu từ ngày {REGULAR_START_DAY}; "
            f"ngày {on:%d/%m/%Y} chưa đến kỳ."
        )


def regular_decision_due(started_on: dt.date) -> dt.date:
    """The last day for the regular review's decision and certificates."""
    return started_on + dt.timedelta(days=REGULAR_DECISION_DAYS)


def decision_due(kind_annual: bool, year: int, started_on: dt.date) -> dt.date:
    return annual_window(year)[1] if kind_annual else regular_decision_due(started_on)
