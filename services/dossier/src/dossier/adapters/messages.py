"""Domain events → protobuf messages of ``ansinh.dossier.v1`` → CloudEvents envelopes.

Every ``StatusChanged`` becomes one ``DossierStatusChanged``; a ``DecisionSigned`` whose
effect changes the registry is followed by a ``DecisionIssued``. Topic ``ansinh.dossier.v1``,
key = dossier id (order per dossier), CloudEvents ``province`` = the dossier's province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.common.v1 import common_pb2
from ansinh.dossier.v1 import events_pb2
from ansinh_common.messaging import Envelope, OutboxRow
from dossier.domain import events as ev
from dossier.domain.dossier import Dossier
from dossier.domain.procedures.model import EffectKind
from dossier.domain.tracking import HistoryEntry

PROTO_PACKAGE = "ansinh.dossier.v1"
EVENT_SOURCE = "ansinh/dossier"
DATASCHEMA = "https://ansinh.gov.vn/proto/ansinh/dossier/v1/events.proto"
# Effects the registry applies (a one-off payment or a disability level changes no record).
REGISTRY_EFFECTS = frozenset(
    {
        EffectKind.REGISTER_BENEFICIARY,
        EffectKind.CHANGE_COEFFICIENT,
        EffectKind.STOP_BENEFIT,
    }
)


def date_pb(day: dt.date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def _timestamp(at: dt.datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(at.astimezone(dt.UTC))
    return ts


def current_unit(dossier: Dossier) -> str:
    """The unit handling the dossier now: the running step's, else the applicant's commune."""
    if dossier.runs and dossier.runs[-1].clock.finished_on is None:
        return dossier.runs[-1].planned.unit_code
    return dossier.commune_code


def status_changed(
    event: ev.StatusChanged, entry: HistoryEntry, dossier: Dossier, provincial_code: str | None
) -> events_pb2.DossierStatusChanged:
    message = events_pb2.DossierStatusChanged(
        dossier_id=event.dossier_id,
        dossier_code=event.dossier_code,
        procedure_code=event.procedure_code,
        province_code=event.province_code,
        unit_code=current_unit(dossier),
        state=event.to_stage.value,
        previous_state=event.from_stage.value if event.from_stage else "",
        action=event.action.value,
        actor=events_pb2.Actor(
            subject=event.actor_subject, username=entry.actor, unit_code=event.actor_unit
        ),
        at=_timestamp(event.occurred_at),
        channel=int(dossier.channel),
        version=event.version,
        note=event.note,
        origin=event.origin,
    )
    if provincial_code:
        message.provincial_code = provincial_code
    if event.due_on is not None:
        message.due_on.CopyFrom(date_pb(event.due_on))
    return message


def decision_issued(event: ev.DecisionSigned, dossier: Dossier) -> events_pb2.DecisionIssued:
    values = dossier.values
    plan = dossier.plan
    first_month = (event.decision_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    message = events_pb2.DecisionIssued(
        dossier_id=event.dossier_id,
        dossier_code=event.dossier_code,
        province_code=event.province_code,
        decision_number=event.decision_number,
        decision_date=date_pb(event.decision_date),
        signing_unit=event.signing_unit,
        signed_by=event.actor_subject,
        effect=event.effect,
        personal_id=event.applicant_national_id,
        commune_code=event.commune_code,
        catalog_version=plan.catalog_version if plan else "2025",
        start_month=common_pb2.YearMonth(year=first_month.year, month=first_month.month),
        full_name=str(values.get("full_name", "")),
        gender=str(values.get("gender", "")),
        ethnicity_code=str(values.get("ethnicity", "")),
    )
    birth = values.get("birth_date")
    if isinstance(birth, dt.date):
        message.birth_date.CopyFrom(date_pb(birth))
    effective_on = values.get("effective_on")  # "Ngày phát sinh" of an adjust or stop form
    if isinstance(effective_on, dt.date):
        message.effective_on.CopyFrom(date_pb(effective_on))
    if event.benefit is not None:
        message.benefit = event.benefit
    if event.destination_commune_code is not None:
        message.destination_commune_code = event.destination_commune_code
    if event.category_code is not None:
        message.category_code = event.category_code
    if event.coefficient is not None:
        message.coefficient = str(event.coefficient)
    if event.amount is not None:
        message.amount = event.amount
    return message


def _envelope(kind: str, subject: str, province: str, data: bytes) -> Envelope:
    return Envelope(
        source=EVENT_SOURCE,
        type=f"{PROTO_PACKAGE}.{kind}",
        subject=subject,
        province=province,
        data=data,
        dataschema=DATASCHEMA,
    )


def outbox_rows(
    topic: str,
    dossier: Dossier,
    provincial_code: str | None,
    new_events: list[ev.StatusChanged],
    new_entries: list[HistoryEntry],
) -> Iterator[OutboxRow]:
    """The outbox rows of a dossier's new events, in order (history entries pair with them)."""
    for event, entry in zip(new_events, new_entries, strict=True):
        status = status_changed(event, entry, dossier, provincial_code)
        yield OutboxRow(
            topic,
            dossier.id,
            _envelope(
                "DossierStatusChanged",
                dossier.id,
                dossier.province_code,
                status.SerializeToString(),
            ),
        )
        if isinstance(event, ev.DecisionSigned) and EffectKind(event.effect) in REGISTRY_EFFECTS:
            issued = decision_issued(event, dossier)
            yield OutboxRow(
                topic,
                dossier.id,
                _envelope(
                    "DecisionIssued", dossier.id, dossier.province_code, issued.SerializeToString()
                ),
            )
