"""The procedure clock: due dates in working days, paused while documents are awaited.

Deadlines count working days (``ansinh_common.catalogs.working_days``: weekends, Tết and the
other public holidays, their compensatory days and the swapped days off excluded; make-up
Saturdays included). "Within n working days" of a start date ends on
``add_working_days(start, n)``: the start day itself is not counted (Decree 20/2021/NĐ-CP
Art. 8.1 counts from the day the complete dossier is received). A request for more
documents stops the clock of the current step; it runs again, with the days left, from
the day the documents arrive. Dates are local to Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from ansinh_common.catalogs.working_days import add_working_days, working_days_between

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8.1; Labour Code 2019 Art. 112"
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DUE_SOON_WORKING_DAYS = 2


def local_date(at: dt.datetime) -> dt.date:
    """The calendar date in Vietnam of an aware timestamp."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("timestamps must carry a time zone")
    return at.astimezone(TIMEZONE).date()


class DueState(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"
    NOT_STARTED = "not_started"
    """Submitted, not yet received: the clock starts at receipt."""


DUE_STATE_LABELS = {
    DueState.ON_TIME: "Trong hạn",
    DueState.DUE_SOON: "Sắp đến hạn",
    DueState.OVERDUE: "Quá hạn",
    DueState.PAUSED: "Tạm dừng tính thời hạn",
    DueState.NOT_STARTED: "Chưa tiếp nhận, chưa tính thời hạn",
}


def due_state(
    due_on: dt.date | None, today: dt.date, soon: int = DUE_SOON_WORKING_DAYS
) -> DueState:
    """Overdue after the due date; due soon when at most ``soon`` working days are left."""
    if due_on is None:
        return DueState.PAUSED
    if today > due_on:
        return DueState.OVERDUE
    if working_days_between(today, due_on) <= soon:
        return DueState.DUE_SOON
    return DueState.ON_TIME


@dataclass(slots=True)
class StepClock:
    """The clock of one step: ``working_days`` allowed from ``started_on``, pauses excluded."""

    working_days: int
    started_on: dt.date
    active_from: dt.date
    used_before: int = 0  # working days used before the last pause
    paused_on: dt.date | None = None
    paused_days: int = 0  # working days spent paused, in total
    finished_on: dt.date | None = None

    @classmethod
    def start(cls, working_days: int, on: dt.date) -> StepClock:
        return cls(working_days, on, on)

    @property
    def paused(self) -> bool:
        return self.paused_on is not None

    def pause(self, on: dt.date) -> None:
        if self.paused_on is not None or self.finished_on is not None:
            raise ValueError("the clock is not running")
        self.used_before += working_days_between(self.active_from, max(on, self.active_from))
        self.paused_on = on

    def resume(self, on: dt.date) -> None:
        if self.paused_on is None:
            raise ValueError("the clock is not paused")
        self.paused_days += working_days_between(self.paused_on, max(on, self.paused_on))
        self.active_from, self.paused_on = max(on, self.paused_on), None

    def finish(self, on: dt.date) -> None:
        if self.paused_on is not None:
            self.resume(on)
        self.finished_on = on

    @property
    def due_on(self) -> dt.date | None:
        """The last day of the step; None while paused (the due date is not known yet)."""
        if self.paused_on is not None:
            return None
        return add_working_days(self.active_from, self.working_days - self.used_before)

    def used(self, today: dt.date) -> int:
        """Working days the step has taken so far (pauses excluded)."""
        if self.paused_on is not None:
            return self.used_before
        end = self.finished_on or today
        return self.used_before + working_days_between(self.active_from, max(end, self.active_from))

    def left(self, today: dt.date) -> int:
        """Working days left (negative when overdue)."""
        return self.working_days - self.used(today)
