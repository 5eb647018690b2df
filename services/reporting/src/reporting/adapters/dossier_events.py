"""Dossier events (``ansinh.dossier.v1``, protobuf in a CloudEvents envelope) → steps."""

from __future__ import annotations

from datetime import UTC, date
from zoneinfo import ZoneInfo

from ansinh.dossier.v1 import events_pb2
from ansinh_common.messaging import Envelope
from reporting.domain.procedures import DossierStep

PACKAGE = "ansinh.dossier.v1."
STATUS_CHANGED = PACKAGE + "DossierStatusChanged"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def step_from_envelope(envelope: Envelope) -> DossierStep | None:
    """The status change of the event; ``None`` for the other dossier events."""
    if envelope.type != STATUS_CHANGED:
        return None
    m = events_pb2.DossierStatusChanged()
    m.ParseFromString(envelope.data)
    at = m.at.ToDatetime(tzinfo=UTC)
    due = m.due_on if m.HasField("due_on") else None
    return DossierStep(
        event_id=str(envelope.id),
        dossier_id=m.dossier_id,
        version=m.version,
        province_code=m.province_code,
        procedure_code=m.procedure_code,
        unit_code=m.unit_code,
        state=m.state,
        previous_state=m.previous_state,
        action=m.action,
        at=at,
        local_date=at.astimezone(VIETNAM).date(),
        due_on=date(due.year, due.month, due.day) if due is not None else None,
        channel=m.channel,
    )
