"""The list for month M is due before the 25th of month M−1.

Decree 20/2021/NĐ-CP Art. 34 (per DOMAIN.md, *verify*): before the 25th of each month the funds
and the list for the next month are transferred to the payment-service organisation. The list
counts as transferred once approved. Dates are calendar dates in Asia/Ho_Chi_Minh (``local_date``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from payment.domain.months import Month

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 34"
VERIFIED = False
DUE_DAY = 25
TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def local_date(instant: datetime) -> date:
    """The calendar date in Vietnam of an aware instant."""
    if instant.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return instant.astimezone(TIME_ZONE).date()


def due_before(month: Month) -> date:
    """The list of ``month`` must be approved before this date (the 25th of the month before)."""
    return month.previous().day(DUE_DAY)


@dataclass(frozen=True, slots=True)
class LateList:
    commune_code: str
    month: Month
    due_before: date
    approved_on: date | None  # None: not approved yet

    @property
    def message(self) -> str:
        when = f"duyệt ngày {self.approved_on:%d/%m/%Y}" if self.approved_on else "chưa duyệt"
        return (
            f"Danh sách chi trả tháng {self.month} của xã {self.commune_code} phải chuyển trước "
            f"ngày {self.due_before:%d/%m/%Y} ({when})."
        )


def late_communes(
    month: Month, approved_on: Mapping[str, date | None], today: date
) -> tuple[LateList, ...]:
    """The communes whose list for ``month`` is late on ``today`` (approved on or after the
    due date, or not approved and the due date has come), sorted by commune code."""
    deadline = due_before(month)
    late = [
        LateList(code, month, deadline, approved)
        for code, approved in sorted(approved_on.items())
        if (approved is not None and approved >= deadline)
        or (approved is None and today >= deadline)
    ]
    return tuple(late)
