"""When payment starts and stops (Decree 20/2021/NĐ-CP Art. 8).

* Start (Art. 8.1.đ, the last step of the procedure, where the chair decides): "Thời gian
  hưởng trợ cấp xã hội hằng tháng đối với người cao tuổi quy định tại điểm b khoản 5 Điều 5
  … kể từ thời điểm người đó đủ 75 tuổi, … điểm c khoản 5 Điều 5 … kể từ thời điểm người đó
  đủ 80 tuổi. Thời gian hưởng … đối với người khuyết tật từ tháng được cấp giấy xác nhận mức
  độ khuyết tật. Thời gian hưởng … của đối tượng khác kể từ tháng Chủ tịch Ủy ban nhân dân
  cấp huyện ký quyết định" (now the competent chair). So: 5.5b from the month the person
  turns full 75 and 5.5c from the month they turn full 80 — unconditionally, however late the
  decision (the months before it are arrears, truy lĩnh); the disability allowance (5.6) from
  the month the disability certificate is issued (when the certificate date is not known, as
  in the commune Excel file, the decision month); everyone else from the decision month.
  ``ansinh_synthpop`` generates start months by the same rule.
* A changed rate applies from the month the new condition is met.
* Stop: from the month after death or loss of eligibility, so the month of the event is the
  last month paid.
* Move of residence: paid at the old place up to the month of the move and at the new place
  from the next month, so no month is paid twice or missed *(verify against the procedure
  of Art. 8 on moves)*.
"""

from __future__ import annotations

from datetime import date

from registry.domain.benefit import Disability
from registry.domain.category import CategoryRef
from registry.domain.months import Month
from registry.domain.person import Person

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8"
START_LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8.1.đ"  # the start month (see above)
_AGE_START = {"5.5b": 75, "5.5c": 80}


def start_month(
    category: CategoryRef, person: Person, decided_on: date, disability: Disability | None
) -> Month:
    """The first month paid for a new record decided on ``decided_on`` (``START_LEGAL_BASIS``:
    5.5b/5.5c the month of the 75th/80th birthday even when decided later; 5.6 the month of
    the disability certificate if known; otherwise the month the decision is signed)."""
    age = _AGE_START.get(category.code)
    if age is not None:
        year, month = person.month_turning(age)
        return Month(year, month)
    if category.is_disability() and disability is not None and disability.certified_on:
        return Month.of(disability.certified_on)
    return Month.of(decided_on)


def rate_change_month(condition_met_on: date) -> Month:
    """A changed coefficient applies from the month the new condition is met."""
    return Month.of(condition_met_on)


def last_paid_month(event_on: date) -> Month:
    """Death, loss of eligibility or move on ``event_on``: that month is the last one paid."""
    return Month.of(event_on)


def stops_from(event_on: date) -> Month:
    """The first month no longer paid."""
    return last_paid_month(event_on).next()
