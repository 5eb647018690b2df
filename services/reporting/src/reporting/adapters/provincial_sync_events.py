"""Provincial-sync facts (ADR 0042) from the records of the provinces' inbound and outbound
topics and of ``ansinh.dossier.v1`` (protobuf in a CloudEvents envelope)."""

from __future__ import annotations

import logging
from datetime import UTC

from google.protobuf.message import DecodeError

from ansinh.dossier.v1 import events_pb2, provincial_pb2
from ansinh_common.catalogs.provincial_sync import SyncMode, SyncModes
from ansinh_common.messaging import Envelope
from reporting.domain.provincial_gap import (
    PlatformDossier,
    ProvinceTold,
    ProvincialSubmission,
    SyncFact,
)

log = logging.getLogger(__name__)
SUBMITTED = provincial_pb2.ProvincialDossierSubmitted.DESCRIPTOR.full_name
TOLD = provincial_pb2.ProvincialStatusUpdate.DESCRIPTOR.full_name
STATUS_CHANGED = events_pb2.DossierStatusChanged.DESCRIPTOR.full_name
TYPES = frozenset({SUBMITTED, TOLD})


def provincial_topics(prefix: str | None, modes: SyncModes) -> list[str]:
    """The inbound and outbound topics of the two-way provinces (none when ``prefix`` is
    unset); a topic that does not exist yet is picked up when it appears."""
    if not prefix:
        return []
    return [f"{prefix}.{province}.{way}.v1"
            for province in modes.provinces_in(SyncMode.TWO_WAY)
            for way in ("inbound", "outbound")]  # fmt: skip


def sync_fact(envelope: Envelope) -> SyncFact | None:
    """The fact a record states; ``None`` for the others (a dossier's later changes, a
    payload that does not decode: the dossier service dead-letters those, ADR 0018)."""
    try:
        if envelope.type == SUBMITTED:
            return _submitted(envelope)
        if envelope.type == TOLD:
            return _told(envelope)
        if envelope.type == STATUS_CHANGED:
            return _dossier(envelope)
    except DecodeError:
        log.warning(
            "provincial sync: %s %s does not decode; not counted", envelope.type, envelope.id
        )
    return None


def _submitted(envelope: Envelope) -> ProvincialSubmission | None:
    m = provincial_pb2.ProvincialDossierSubmitted.FromString(envelope.data)
    province = envelope.province or m.province_code  # the topic's province (ce_province)
    if not m.provincial_code or not province:
        return None
    at = m.submitted_at.ToDatetime(tzinfo=UTC) if m.HasField("submitted_at") else envelope.time
    return ProvincialSubmission(m.provincial_code, province, m.procedure_code, at)


def _told(envelope: Envelope) -> ProvinceTold | None:
    m = provincial_pb2.ProvincialStatusUpdate.FromString(envelope.data)
    if not m.dossier_id:
        return None
    at = m.acted_at.ToDatetime(tzinfo=UTC) if m.HasField("acted_at") else envelope.time
    return ProvinceTold(
        m.dossier_id,
        m.dossier_code,
        m.province_code,
        m.procedure_code,
        m.provincial_code or None,
        at,
    )


def _dossier(envelope: Envelope) -> PlatformDossier | None:
    m = events_pb2.DossierStatusChanged.FromString(envelope.data)
    if m.previous_state:  # only the submission: the dossier is here from then
        return None
    code = m.provincial_code if m.HasField("provincial_code") else ""
    return PlatformDossier(
        m.dossier_id,
        m.dossier_code,
        m.province_code,
        m.procedure_code,
        code or None,
        m.at.ToDatetime(tzinfo=UTC),
    )
