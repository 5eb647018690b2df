"""Months a legacy system already paid are not owed again.

A record loaded from a province's legacy database (the registry's Excel import of records
already paid, "Nhập dữ liệu đang hưởng") keeps its original start month, and the legacy system
paid it up to some month ("Đã chi trả đến tháng"). The platform owes from the month after
it: arrears (Art. 8) run from the first month not yet paid, never back over months the
legacy system settled — paying them again would pay twice.
"""

from __future__ import annotations

from payment.domain.model import Membership
from payment.domain.months import Month

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 8 (months owed); Circular 02/2021/TT-BLĐTBXH Art. 2 "
    "(records carried over from the previous management) — verify"
)
VERIFIED = False


def first_month_owed(start_month: Month, paid_through: Month | None) -> Month:
    """The first month the platform owes: the start month, or the month after the last month
    the legacy system paid, whichever is later."""
    if paid_through is None or paid_through < start_month:
        return start_month
    return paid_through.next()


def legacy_paid_note(m: Membership, month: Month) -> str | None:
    """What ExplainMonth says for a month the legacy system paid (Vietnamese), else ``None``:
    no line is owed for it, and the reason is the old record, not a lack of entitlement."""
    if m.paid_through is None or month > m.paid_through:
        return None
    return (
        f"Đã chi trả theo hồ sơ cũ đến tháng {m.paid_through.shown} (diện {m.group}): tháng "
        f"{month.shown} đã được hệ thống quản lý trước đây chi trả, không chi trả lại."
    )
