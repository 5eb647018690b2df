"""The wire format of the provincial sync: topic names and the protobuf messages
(``proto/ansinh/dossier/v1/provincial.proto``) ⇄ the domain's plain values.

Documented in ``docs/asyncapi/provincial-sync.yaml``; the contract test checks that this
module, the simulator and the document agree.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import DecodeError

from ansinh.common.v1 import common_pb2
from ansinh.dossier.v1 import provincial_pb2
from ansinh_common.messaging import Envelope
from dossier.domain.errors import ProvincialMessageRefused
from dossier.domain.provincial_inbound import InboundApplicant, InboundDossier
from dossier.domain.provincial_status import ProvincialStatus

INBOUND_TYPE = provincial_pb2.ProvincialDossierSubmitted.DESCRIPTOR.full_name
OUTBOUND_TYPE = provincial_pb2.ProvincialStatusUpdate.DESCRIPTOR.full_name
STATUS_CHANGED_TYPE = "ansinh.dossier.v1.DossierStatusChanged"
OUTBOUND_SOURCE = "ansinh/dossier/provincial-sync"
OUTBOUND_ID_NAMESPACE = uuid.UUID("6f0d6c52-5b8e-4c59-9a57-3d1f1b3e0a18")
"""The outbound event id is uuid5(namespace, id of the DossierStatusChanged it maps): a
redelivery carries the same id, so the province can deduplicate."""


def inbound_topic(prefix: str, province_code: str) -> str:
    return f"{prefix}.{province_code}.inbound.v1"


def outbound_topic(prefix: str, province_code: str) -> str:
    return f"{prefix}.{province_code}.outbound.v1"


def province_of_topic(prefix: str, topic: str) -> str:
    """The province code in an inbound or outbound topic's name (``ValueError`` otherwise)."""
    match = re.fullmatch(re.escape(prefix) + r"\.(\d{2})\.(?:inbound|outbound)\.v1", topic)
    if match is None:
        raise ValueError(f"{topic!r} is not a provincial topic under {prefix!r}")
    return match.group(1)


def _date(value: common_pb2.Date) -> dt.date | None:
    if value.year == 0:
        return None
    try:
        return dt.date(value.year, value.month, value.day)
    except ValueError as exc:
        raise ProvincialMessageRefused(f"Ngày không hợp lệ: {exc}.") from exc


def decode_inbound(envelope: Envelope) -> InboundDossier:
    """The dossier a province sent; ``ProvincialMessageRefused`` when it cannot be read."""
    if envelope.type != INBOUND_TYPE:
        raise ProvincialMessageRefused(f"Loại thông điệp {envelope.type!r} không được hỗ trợ.")
    message = provincial_pb2.ProvincialDossierSubmitted()
    try:
        message.ParseFromString(envelope.data)
    except DecodeError as exc:
        raise ProvincialMessageRefused(f"Không đọc được thông điệp protobuf: {exc}.") from exc
    applicant = None
    if message.HasField("applicant"):
        a = message.applicant
        applicant = InboundApplicant(
            personal_id=a.personal_id,
            full_name=a.full_name,
            birth_date=_date(a.birth_date),
            gender=a.gender,
            phone=a.phone if a.HasField("phone") else None,
        )
    submitted_at = (
        message.submitted_at.ToDatetime(tzinfo=dt.UTC) if message.HasField("submitted_at") else None
    )
    values: dict[str, Any] = json_format.MessageToDict(message.values)
    return InboundDossier(
        provincial_code=message.provincial_code,
        province_code=message.province_code,
        procedure_code=message.procedure_code,
        procedure_id=message.procedure_id,
        purpose=message.purpose,
        form=message.form,
        commune_code=message.commune_code,
        channel=message.channel,
        submitted_at=submitted_at,
        applicant=applicant,
        values=values,
        due_on=_date(message.due_on) if message.HasField("due_on") else None,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusChange:
    """What the outbound sync reads from a ``DossierStatusChanged`` (``ansinh.dossier.v1``)."""

    dossier_id: str
    dossier_code: str
    provincial_code: str
    procedure_code: str
    province_code: str
    unit_code: str
    state: str
    action: str
    actor_subject: str
    actor_username: str
    actor_unit: str | None
    at: dt.datetime
    due_on: dt.date | None
    note: str = ""


def decode_status_changed(data: bytes) -> StatusChange:
    """Read a ``DossierStatusChanged`` (the dossier service's own event)."""
    from ansinh.dossier.v1 import events_pb2

    event = events_pb2.DossierStatusChanged()
    event.ParseFromString(data)
    due = event.due_on if event.HasField("due_on") else None
    return StatusChange(
        dossier_id=event.dossier_id,
        dossier_code=event.dossier_code,
        provincial_code=event.provincial_code if event.HasField("provincial_code") else "",
        procedure_code=event.procedure_code,
        province_code=event.province_code,
        unit_code=event.unit_code,
        state=event.state,
        action=event.action,
        actor_subject=event.actor.subject,
        actor_username=event.actor.username,
        actor_unit=event.actor.unit_code if event.actor.HasField("unit_code") else None,
        at=event.at.ToDatetime(tzinfo=dt.UTC),
        due_on=dt.date(due.year, due.month, due.day) if due is not None else None,
        note=event.note,
    )


def encode_status_update(
    change: StatusChange, status: ProvincialStatus
) -> provincial_pb2.ProvincialStatusUpdate:
    """The provincial status update for a status change, in the provincial vocabulary."""
    update = provincial_pb2.ProvincialStatusUpdate(
        provincial_code=change.provincial_code,
        dossier_code=change.dossier_code,
        dossier_id=change.dossier_id,
        province_code=change.province_code,
        procedure_code=change.procedure_code,
        status_code=status.code,
        status_label=status.label,
        state=change.state,
        action=change.action,
        actor=provincial_pb2.ProvincialActor(
            subject=change.actor_subject,
            username=change.actor_username,
            unit_code=change.actor_unit,
        ),
        unit_code=change.unit_code,
        note=change.note,
    )
    update.acted_at.FromDatetime(change.at.astimezone(dt.UTC).replace(tzinfo=None))
    if change.due_on is not None:
        d = change.due_on
        update.due_on.CopyFrom(common_pb2.Date(year=d.year, month=d.month, day=d.day))
    return update


def outbound_envelope(
    source_event: Envelope, update: provincial_pb2.ProvincialStatusUpdate
) -> Envelope:
    return Envelope(
        id=uuid.uuid5(OUTBOUND_ID_NAMESPACE, str(source_event.id)),
        source=OUTBOUND_SOURCE,
        type=OUTBOUND_TYPE,
        subject=update.dossier_id,
        province=update.province_code,
        time=source_event.time,
        data=update.SerializeToString(),
    )
