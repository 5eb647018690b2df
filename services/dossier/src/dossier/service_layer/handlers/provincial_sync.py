"""Use cases of the provincial sync (ADR 0018): a dossier in from a province, a status out.

The inbound one checks the province's sync mode and the message, then asks the intake to
create the dossier once per provincial dossier code; the outbound one says what, if
anything, the province is told about a status change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dossier.domain.channel import Channel
from dossier.domain.procedures.catalog import ProcedureCatalog
from dossier.domain.procedures.model import Procedure
from dossier.domain.provincial_inbound import InboundDossier, check_inbound
from dossier.domain.provincial_status import ProvincialStatus, StatusMapping
from dossier.domain.rules.provincial_sync import SyncModes
from dossier.domain.stages import Action, Stage
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.handlers import submission
from dossier.service_layer.ports import ProvincialIntake


@dataclass(frozen=True, slots=True)
class Received:
    dossier_id: str
    created: bool


@dataclass(frozen=True, slots=True)
class InboundChecks:
    """What the inbound check looks up: the procedures and the unit catalog."""

    catalog: ProcedureCatalog
    commune_in_province: Callable[[str, str], bool]


def receive_provincial_dossier(
    dossier: InboundDossier,
    *,
    topic_province: str,
    modes: SyncModes,
    checks: InboundChecks,
    intake: ProvincialIntake,
    now: dt.datetime,
) -> Received:
    """Create the dossier once per provincial code; ``ProvincialMessageRefused`` when the
    province's mode refuses inbound or the message is malformed (the form's values are
    checked by the intake, ``FormInvalid``)."""
    procedure = check_inbound(
        dossier,
        topic_province=topic_province,
        modes=modes,
        catalog=checks.catalog,
        commune_in_province=checks.commune_in_province,
        now=now,
    )
    dossier_id, created = intake.receive_from_province(dossier, procedure)
    return Received(dossier_id, created)


def provincial_status_for(
    *, province_code: str, state: str, action: str, modes: SyncModes, mapping: StatusMapping
) -> ProvincialStatus | None:
    """The status the province is told about a change, or None (not a two-way province)."""
    if not modes.publishes_outbound(province_code):
        return None
    return mapping.status(Stage(state), Action(action) if action else None)


class SubmissionIntake:
    """``ProvincialIntake`` through the submission use case (``receive_from_province``):
    the form's values are validated and policy fields refused as for any submission, and the
    dossier is created once per provincial code. ``deps.uow`` joins the consumer's
    transaction, so the dossier, its ``DossierStatusChanged`` and the inbox row commit
    together."""

    def __init__(self, deps: Dependencies) -> None:
        self._deps = deps

    def receive_from_province(
        self, dossier: InboundDossier, procedure: Procedure
    ) -> tuple[str, bool]:
        values: dict[str, Any] = dict(dossier.values)
        form = procedure.forms[dossier.form]
        given = {"commune_code": dossier.commune_code}
        if dossier.applicant is not None:
            a = dossier.applicant
            given |= {"personal_id": a.personal_id, "full_name": a.full_name, "gender": a.gender}
            if a.birth_date is not None:
                given["birth_date"] = a.birth_date.isoformat()
        values |= {k: v for k, v in given.items() if form.field_named(k) is not None}
        received = submission.receive_from_province(
            submission.ReceiveFromProvince(
                provincial_code=dossier.provincial_code,
                procedure_id=procedure.id,
                purpose_id=dossier.purpose,
                form_id=dossier.form,
                values=values,
                channel=Channel(dossier.channel),
                submitted_at=dossier.submitted_at,
            ),
            self._deps,
        )
        return received.dossier.id, received.created
