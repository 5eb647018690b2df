"""Events of the payment service: facts that happened, written to the outbox on commit.

Topics ``ansinh.payment.<entity>.v1`` (the adapters map them; the payload schemas will live in
``proto/ansinh/payment/v1``). Key: the list id (commune and month) or the beneficiary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from payment.domain.months import Month


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base: every event names the province (the shard key)."""

    province_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicySettingRecorded(Event):
    key: str
    effective_from: Month
    resolution_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ListEvent(Event):
    commune_code: str
    month: Month


@dataclass(frozen=True, slots=True, kw_only=True)
class ListGenerated(ListEvent):
    lines: int
    total: int  # VND
    prepared_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ListApproved(ListEvent):
    approved_by: str
    total: int
    setting_keys: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListExported(ListEvent):
    exported_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthClosed(ListEvent):
    closed_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SuspensionProposed(Event):
    beneficiary_id: str
    months_not_collected: tuple[Month, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentResultRecorded(ListEvent):
    """A channel reported a line: paid, failed or returned (with the reason code)."""

    line_id: str
    national_id: str
    channel_code: str
    outcome: str
    amount: int  # VND
    reason_code: str | None = None
    collected_on: date | None = None  # cash
    point_code: str | None = None  # cash
