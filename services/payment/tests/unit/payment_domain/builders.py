"""Builders for the payment domain's unit tests (no I/O)."""

from __future__ import annotations

from datetime import date

from payment.domain.lines import PaymentLine, monthly_line
from payment.domain.model import (
    Beneficiary,
    CareSupportClaim,
    Child,
    DecisionRef,
    DisabilityLevel,
    Membership,
    PovertyStatus,
)
from payment.domain.months import Month

HANOI = "01"
COMMUNE = "00004"
DECISION = DecisionRef("12/QĐ-UBND", date(2024, 1, 10))
JAN_2024 = Month(2024, 1)


def membership(
    group: str,
    start: Month = JAN_2024,
    *,
    record_id: str | None = None,
    end: Month | None = None,
    level: DisabilityLevel | None = None,
    studying_through: Month | None = None,
    children: tuple[Child, ...] = (),
    decision: DecisionRef = DECISION,
) -> Membership:
    return Membership(
        record_id or f"r-{group}", group, decision, start, end, level, studying_through,
        PovertyStatus.POOR, children,
    )  # fmt: skip


def beneficiary(
    born: date,
    *memberships: Membership,
    care: tuple[CareSupportClaim, ...] = (),
    died_on: date | None = None,
    province: str = HANOI,
    beneficiary_id: str = "b-1",
) -> Beneficiary:
    return Beneficiary(
        beneficiary_id, "001085000123", born, province, COMMUNE, memberships, care, died_on
    )


PEOPLE = (
    beneficiary(date(1940, 1, 1), membership("5.5a"), beneficiary_id="b-1"),  # 1,000,000
    beneficiary(date(2021, 5, 20), membership("5.1"), beneficiary_id="b-2"),  # 2.5 → 1.5
)


def lines_for(month: Month) -> list[PaymentLine]:
    """The monthly lines of ``PEOPLE`` (paid before, so no arrears)."""
    found = (monthly_line(p, month, first_paid=JAN_2024) for p in PEOPLE)
    return [line for line in found if line is not None]
