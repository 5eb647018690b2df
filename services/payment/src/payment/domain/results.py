"""Payment results reported by a channel, and the reconciliation of a list against them.

Each result answers one line: paid, failed or returned, with a reason code for the last two;
for cash, the date collected and the payment point. Reconciliation per commune, channel and
month: expected (the list), paid, failed (failed or returned) and outstanding (no result yet),
in counts and VND; the figures add up (expected = paid + failed + outstanding). Failed or
returned lines are carried to the next month's list as lines of their own; the months a person
did not collect feed the suspension proposal (``rules.suspension``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ansinh_common.errors import FieldError
from payment.domain.lines import LineRef, PaymentLine
from payment.domain.months import Month
from payment.domain.rules.suspension import Collection

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 34; Circular 02/2021/TT-BLĐTBXH"
VERIFIED = False


class Outcome(StrEnum):
    PAID = "paid"  # đã chi trả
    FAILED = "failed"  # chi trả không thành công
    RETURNED = "returned"  # tiền bị trả lại


@dataclass(frozen=True, slots=True)
class PaymentResult:
    line: LineRef
    channel_code: str
    outcome: Outcome
    amount: int  # VND the channel reports for the line
    reason_code: str | None = None
    collected_on: date | None = None  # cash only
    point_code: str | None = None  # cash only


def result_errors(
    result: PaymentResult, line: PaymentLine | None, cash: bool, prefix: str = ""
) -> list[FieldError]:
    """What is wrong with one result row (``prefix`` such as ``"row 12"`` names the row)."""
    p = f"{prefix}." if prefix else ""
    if line is None:
        where = f"tháng {result.line.month} của xã {result.line.commune_code}"
        message = f"Không có dòng {result.line.line_id} trong danh sách {where}."
        return [FieldError(f"{p}line_id", message)]
    errors: list[FieldError] = []
    if result.amount != line.amount:
        message = f"Số tiền {result.amount} khác số trong danh sách ({line.amount})."
        errors.append(FieldError(f"{p}amount", message, "mismatch"))
    if result.outcome is not Outcome.PAID and not (result.reason_code or "").strip():
        errors.append(FieldError(f"{p}reason_code", "Thiếu mã lý do không chi được.", "required"))
    if cash and result.outcome is Outcome.PAID:
        if result.collected_on is None:
            errors.append(FieldError(f"{p}collected_on", "Thiếu ngày nhận tiền.", "required"))
        if not (result.point_code or "").strip():
            errors.append(FieldError(f"{p}point_code", "Thiếu điểm chi trả.", "required"))
    return errors


@dataclass(frozen=True, slots=True)
class Reconciliation:
    commune_code: str
    channel_code: str
    month: Month
    expected_count: int = 0
    expected_vnd: int = 0
    paid_count: int = 0
    paid_vnd: int = 0
    failed_count: int = 0
    failed_vnd: int = 0

    @property
    def outstanding_count(self) -> int:
        return self.expected_count - self.paid_count - self.failed_count

    @property
    def outstanding_vnd(self) -> int:
        return self.expected_vnd - self.paid_vnd - self.failed_vnd


def reconcile(
    commune_code: str,
    month: Month,
    lines: Iterable[tuple[PaymentLine, str]],
    results: Mapping[str, PaymentResult],
) -> tuple[Reconciliation, ...]:
    """Per channel: ``lines`` are (line, channel code) of one list, ``results`` the latest
    result per line id. Sorted by channel code."""
    return reconcile_amounts(
        commune_code,
        month,
        ((line.line_id, line.amount, channel) for line, channel in lines),
        {line_id: r.outcome for line_id, r in results.items()},
    )


def reconcile_amounts(
    commune_code: str,
    month: Month,
    lines: Iterable[tuple[str, int, str]],
    outcomes: Mapping[str, Outcome],
) -> tuple[Reconciliation, ...]:
    """The same from (line id, amount, channel) and the outcome per line id (as stored)."""
    rows: dict[str, dict[str, int]] = {}
    for line_id, amount, channel in lines:
        row = rows.setdefault(channel, dict.fromkeys(("ec", "ev", "pc", "pv", "fc", "fv"), 0))
        row["ec"] += 1
        row["ev"] += amount
        outcome = outcomes.get(line_id)
        if outcome is None:
            continue
        if outcome is Outcome.PAID:
            row["pc"] += 1
            row["pv"] += amount
        else:
            row["fc"] += 1
            row["fv"] += amount
    return tuple(
        Reconciliation(commune_code, channel, month, r["ec"], r["ev"], r["pc"], r["pv"],
                       r["fc"], r["fv"])
        for channel, r in sorted(rows.items())
    )  # fmt: skip


def collection_history(
    results: Iterable[PaymentResult], beneficiary_of: Mapping[str, str], beneficiary_id: str
) -> dict[Month, Collection]:
    """One person's months: collected if any of their lines that month was paid."""
    history: dict[Month, Collection] = {}
    for r in results:
        if beneficiary_of.get(r.line.line_id) != beneficiary_id:
            continue
        paid = r.outcome is Outcome.PAID
        if paid or history.get(r.line.month) is not Collection.COLLECTED:
            month = r.line.month
            history[month] = Collection.COLLECTED if paid else Collection.NOT_COLLECTED
    return history
