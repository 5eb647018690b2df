"""Events of the registry: facts that happened, written to the outbox on commit.

Topic ``ansinh.registry.beneficiary.v1``, key = ``record_id`` (order per record). The move
saga's events carry both ends so the consumer in either shard can find its record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from registry.domain.actor import Actor
from registry.domain.changes import AnyChange
from registry.domain.decision import Decision
from registry.domain.months import Month
from registry.domain.payment_profile import PaymentProfile
from registry.domain.person import Residence
from registry.domain.reporting_profile import ReportingProfile


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base: every event names the record, its province (shard) and the version it reached.

    Events carry no more personal data than their consumers need (Decree 13/2023/NĐ-CP,
    ADR 0010): lifecycle events name the record only; ``EntitlementChanged`` carries the
    personal ID number because payment pays one allowance per person (Decree 20/2021 Art. 6.2);
    the move saga's events carry the history because the destination shard rebuilds the record.
    ``profile`` is the record's reporting profile after the change (no name, no number; for
    the reporting read models, ADR 0022); ``payment`` is what the payment service's own
    projection needs after the change (ADR 0027). Both are set by the record when it emits
    the event.
    """

    record_id: str
    province_code: str
    version: int
    profile: ReportingProfile | None = None
    payment: PaymentProfile | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BeneficiaryRegistered(Event):
    category_code: str
    coefficient: Decimal
    start_month: Month
    decision: Decision | None
    imported: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class BeneficiaryDied(Event):
    died_on: date
    last_paid_month: Month


@dataclass(frozen=True, slots=True, kw_only=True)
class BenefitStopped(Event):
    stopped_on: date
    last_paid_month: Month
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationChanged(Event):
    changed_fields: tuple[str, ...]
    effective_on: date


@dataclass(frozen=True, slots=True, kw_only=True)
class CoefficientChanged(Event):
    category_code: str
    coefficient: Decimal
    from_month: Month


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitlementChanged(Event):
    """What the person is paid after a change, by Art. 6.2 (for the payment service)."""

    personal_id: str
    from_month: Month
    paid_record_ids: tuple[str, ...]
    coefficient: Decimal


# --- the move saga (chuyển đi / chuyển đến) -------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveRequested(Event):
    """Step 1 (origin shard): both decisions are signed; the record is to move."""

    move_id: str
    destination: Residence
    effective_on: date
    reason: str
    move_out_decision: Decision
    move_in_decision: Decision
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class BeneficiaryMovedOut(Event):
    """Step 2 (origin shard): payment stops here; the full history travels with the event."""

    move_id: str
    destination: Residence
    history: tuple[AnyChange, ...]
    move_in_decision: Decision
    effective_on: date
    reason: str
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class BeneficiaryMovedIn(Event):
    """Step 3 (destination shard): ``record_id``/``province_code`` are the new record's."""

    move_id: str
    origin_record_id: str
    origin_province_code: str
    start_month: Month


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveInRejected(Event):
    """Step 3 failed (destination shard); ``record_id``/``province_code`` are the origin's."""

    move_id: str
    destination_province_code: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveCompleted(Event):
    """Step 4 (origin shard): the old record is closed and points at the new one."""

    move_id: str
    new_record_id: str
    new_province_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveCancelled(Event):
    """Compensation (origin shard): the record is active here again."""

    move_id: str
    reason: str


def handled_in(event: Event) -> str:
    """The province whose shard acts on ``event`` in the move saga (route the consumer's
    session and inbox there); for other events, the record's own province."""
    if isinstance(event, BeneficiaryMovedOut):
        return event.destination.province_code
    if isinstance(event, BeneficiaryMovedIn):
        return event.origin_province_code
    return event.province_code


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierDecisionApplied(Event):
    """A dossier's signed decision changed the registry (``record_id``: the record it made or
    changed); the dossier service records it on the dossier (``dossier_province_code``)."""

    dossier_id: str
    dossier_province_code: str
    decision_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierDecisionRefused(Event):
    """The registry refused a dossier's decision (same rules as an officer's change);
    ``record_id`` is the id the record would have had, ``reason`` is in Vietnamese."""

    dossier_id: str
    dossier_province_code: str
    decision_number: str
    reason: str
    error_code: str
