"""Commands the dossier service accepts: one per action of ``Dossier``.

Who sends a command (the principal) and when travel beside it (the actor and the timestamp
the use case passes to the aggregate). ``expected_version`` lets a client refuse to act on a
dossier that changed since it read it (optimistic concurrency).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dossier.domain.channel import Channel
from dossier.domain.stages import Action


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    dossier_id: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitDossier(Command):
    procedure_id: str
    purpose_id: str
    form_id: str
    values: Mapping[str, Any] = field(default_factory=dict)
    channel: Channel = Channel.ONLINE


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceiveDossier(Command):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class RefuseReceipt(Command):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestDocuments(Command):
    documents: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementDocuments(Command):
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendDossier(Command):
    changes: Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPopulationCheck(Command):
    matched: bool
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PostPublicly(Command):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordObjection(Command):
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ForwardDossier(Command):
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AppraiseDossier(Command):
    eligible: bool
    category_code: str | None = None
    coefficient: Decimal | None = None
    amount: int | None = None  # VND
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApproveDossier(Command):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class RejectDossier(Command):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SignDecision(Command):
    decision_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnResult(Command):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawDossier(Command):
    reason: str


ACTION_OF: Mapping[type[Command], Action] = {
    SubmitDossier: Action.SUBMIT,
    ReceiveDossier: Action.RECEIVE,
    RefuseReceipt: Action.REFUSE_RECEIPT,
    RequestDocuments: Action.REQUEST_DOCUMENTS,
    SupplementDocuments: Action.SUPPLEMENT_DOCUMENTS,
    AmendDossier: Action.AMEND,
    RecordPopulationCheck: Action.CHECK_POPULATION,
    PostPublicly: Action.POST_PUBLICLY,
    RecordObjection: Action.RECORD_OBJECTION,
    ForwardDossier: Action.FORWARD,
    AppraiseDossier: Action.APPRAISE,
    ApproveDossier: Action.APPROVE,
    RejectDossier: Action.REJECT,
    SignDecision: Action.DECIDE,
    ReturnResult: Action.RETURN_RESULT,
    WithdrawDossier: Action.WITHDRAW,
}
