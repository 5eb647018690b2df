"""Payment lines (dòng danh sách chi trả) and how one is built from a beneficiary.

A line's amount is the sum of its parts, each part showing how it was computed
(``explain.AmountPart``): the month's allowance and care support and province allowances,
arrears for months before the first month paid, a failed payment carried over from an earlier
month, or an adjustment that corrects a line of a closed month (linked to it, with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from payment.domain.explain import AmountPart, PartKind, Transition, explain
from payment.domain.model import Beneficiary
from payment.domain.months import Month
from payment.domain.policy import ProvincePolicy
from payment.domain.rules.arrears import arrears


class LineKind(StrEnum):
    MONTHLY = "monthly"
    CARRIED_OVER = "carried_over"
    ADJUSTMENT = "adjustment"
    FUNERAL = "funeral"


@dataclass(frozen=True, slots=True)
class LineRef:
    """Where a line lives: its list (commune, month) and its id in that list."""

    commune_code: str
    month: Month
    line_id: str


@dataclass(frozen=True, slots=True)
class PaymentLine:
    line_id: str
    beneficiary_id: str
    kind: LineKind
    parts: tuple[AmountPart, ...]
    transitions: tuple[Transition, ...] = ()
    corrects: LineRef | None = None  # adjustment / carried over: the line it refers to
    reason: str | None = None

    @property
    def amount(self) -> int:
        return sum(p.amount for p in self.parts)

    @property
    def setting_keys(self) -> frozenset[str]:
        return frozenset(p.setting_key for p in self.parts if p.setting_key is not None)


def monthly_line(
    beneficiary: Beneficiary,
    month: Month,
    first_paid: Month | None,
    policy: ProvincePolicy | None = None,
) -> PaymentLine | None:
    """The person's line for ``month`` (``None`` when nothing is owed and nothing to review).

    The line id is the beneficiary id: one monthly line per person and month, which makes
    regenerating a month idempotent. A month where an age rule ended the allowance gives a
    line of 0 VND carrying the transition, so the officer sees who left the list and why."""
    explanation = explain(beneficiary, month, policy)
    parts = explanation.parts + arrears(beneficiary, month, first_paid, policy)
    if not parts and not explanation.transitions:
        return None
    return PaymentLine(
        beneficiary.beneficiary_id, beneficiary.beneficiary_id, LineKind.MONTHLY, parts,
        explanation.transitions,
    )  # fmt: skip


def carried_over_line(failed: PaymentLine, failed_in: LineRef, reason: str) -> PaymentLine:
    """A failed or returned payment listed again in a later month, as a line of its own."""
    part = AmountPart(
        PartKind.CARRIED_OVER, failed.amount, "Decree 20/2021/NĐ-CP Art. 34",
        f"Chi trả lại khoản tháng {failed_in.month} chưa chi được: {reason}",
        month=failed_in.month, payee_id=failed.beneficiary_id,
    )  # fmt: skip
    line_id = f"carry:{failed_in.month}:{failed_in.line_id}"
    return PaymentLine(
        line_id, failed.beneficiary_id, LineKind.CARRIED_OVER, (part,), (), failed_in, reason
    )
