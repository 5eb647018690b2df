"""Dates of the decision on a row: not in the future; the start month not before it.

A decision cannot be dated after today, whatever the kind of load. The first month paid is
the month the decision is signed, except where Decree 20/2021/NĐ-CP Art. 8.1.đ moves it
earlier (75th/80th birthday for groups 5.5b/5.5c, the disability certificate for 5.6): a
start month before both is refused on a new beneficiary, and a warning on a legacy load (the
record is paid already; the officer checks the decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from registry.domain.benefit import Disability
from registry.domain.category import CategoryRef
from registry.domain.months import Month
from registry.domain.person import Person
from registry.domain.rules.payment_months import START_LEGAL_BASIS
from registry.domain.rules.payment_months import start_month as lawful_start

LEGAL_BASIS = START_LEGAL_BASIS


def future_decision(signed_on: date, today: date) -> str | None:
    if signed_on > today:
        return f"ngày quyết định {signed_on:%d/%m/%Y} sau ngày hiện tại {today:%d/%m/%Y}"
    return None


@dataclass(frozen=True, slots=True)
class EarlyStart:
    message: str


def early_start(
    start: Month,
    signed_on: date,
    category: CategoryRef,
    person: Person,
    disability: Disability | None,
) -> EarlyStart | None:
    """The start month is before the decision and before any earlier month the law allows."""
    earliest = min(Month.of(signed_on), lawful_start(category, person, signed_on, disability))
    if start >= earliest:
        return None
    return EarlyStart(
        f"tháng bắt đầu hưởng {start.month:02d}/{start.year} trước tháng của quyết định "
        f"({signed_on:%d/%m/%Y}); sớm nhất là {earliest.month:02d}/{earliest.year} "
        f"({LEGAL_BASIS})"
    )
