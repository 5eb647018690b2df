"""What the applicant sees: the status of their dossier and its history, in Vietnamese.

Officers appear by their unit, not by name; only the notes meant for the applicant (reasons
of a refusal, documents requested, the decision) are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dossier.domain.clock import DUE_STATE_LABELS, TIMEZONE, due_state
from dossier.domain.dossier import Dossier
from dossier.domain.procedures.model import Procedure
from dossier.domain.stages import STAGE_LABELS, Action

# Actions whose note the applicant reads (others may name officers or third parties). The
# commune's check says whether the applicant's data matched and, for the groups that need it,
# their own household's poverty status as of the receipt: officers read it here too.
_NOTES_SHOWN = frozenset(
    {
        Action.CHECK_POPULATION,
        Action.REFUSE_RECEIPT,
        Action.REQUEST_DOCUMENTS,
        Action.REJECT,
        Action.DECIDE,
        Action.WITHDRAW,
    }
)


@dataclass(frozen=True, slots=True)
class StatusLine:
    at: str  # "dd/mm/yyyy HH:MM", Vietnam time
    action: str
    status: str
    unit_code: str | None
    note: str


@dataclass(frozen=True, slots=True)
class ApplicantStatus:
    dossier_code: str
    procedure: str
    purpose: str
    status: str
    due_on: dt.date | None
    due_state: str | None
    expected_result_on: dt.date | None
    refusal_reason: str | None
    history: tuple[StatusLine, ...]


def applicant_status(dossier: Dossier, procedure: Procedure, today: dt.date) -> ApplicantStatus:
    run = dossier.current_step(today)
    due = run.clock.due_on if run is not None else None
    history = tuple(
        StatusLine(
            at=h.at.astimezone(TIMEZONE).strftime("%d/%m/%Y %H:%M"),
            action=h.action_label,
            status=h.stage_label,
            unit_code=h.unit_code,
            note=h.note if h.action in _NOTES_SHOWN else "",
        )
        for h in dossier.history
    )
    return ApplicantStatus(
        dossier_code=str(dossier.code),
        procedure=procedure.name,
        purpose=procedure.purpose(dossier.purpose_id).name,
        status=STAGE_LABELS[dossier.stage],
        due_on=due,
        due_state=DUE_STATE_LABELS[due_state(due, today)] if run is not None else None,
        expected_result_on=dossier.expected_result_on(today),
        refusal_reason=dossier.refusal_reason,
        history=history,
    )
