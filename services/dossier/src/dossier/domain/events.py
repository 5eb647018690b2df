"""Domain events of the dossier: one per transition, written to the outbox on commit.

Every event is a ``StatusChanged`` (what the provincial outbound sync publishes: who acted,
when, the new state and the due date); some carry more. ``DecisionSigned`` is what reaches
the registry: the decision number, date and signing unit with the effect of the procedure.
Events never carry the form's values (personal data stays in the dossier's database).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from dossier.domain.stages import Action, Stage


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusChanged:
    dossier_id: str
    dossier_code: str
    procedure_code: str  # national code
    province_code: str
    version: int
    action: Action
    from_stage: Stage | None
    to_stage: Stage
    occurred_at: dt.datetime
    actor_subject: str
    actor_unit: str | None
    origin: str
    due_on: dt.date | None  # the current step's due date (None: paused or finished)
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierSubmitted(StatusChanged):
    channel: int
    commune_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierReceived(StatusChanged):
    model: str
    received_on: dt.date
    expected_result_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceiptRefused(StatusChanged):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentsRequested(StatusChanged):
    documents: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentsSupplemented(StatusChanged):
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierAmended(StatusChanged):
    changed_fields: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PopulationChecked(StatusChanged):
    matched: bool
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PostedPublicly(StatusChanged):
    posting_ends_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectionRecorded(StatusChanged):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierForwarded(StatusChanged):
    to_unit: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierAppraised(StatusChanged):
    eligible: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierApproved(StatusChanged):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierRejected(StatusChanged):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionSigned(StatusChanged):
    """An approved decision: the registry applies ``effect`` through its own use cases."""

    decision_number: str
    decision_date: dt.date
    signing_unit: str
    effect: str  # ``EffectKind`` value
    benefit: str | None
    applicant_national_id: str
    commune_code: str
    destination_commune_code: str | None
    category_code: str | None
    coefficient: Decimal | None
    amount: int | None  # VND


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultReturned(StatusChanged):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierWithdrawn(StatusChanged):
    reason: str
