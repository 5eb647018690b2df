"""Poverty events (``ansinh.poverty.v1``, protobuf in a CloudEvents envelope) → decisions."""

from __future__ import annotations

from datetime import date

from ansinh.poverty.v1 import events_pb2
from ansinh_common.messaging import Envelope
from reporting.domain.poverty import PovertyDecision

PACKAGE = "ansinh.poverty.v1."
DECIDED = PACKAGE + "HouseholdStatusDecided"


def decision_from_envelope(envelope: Envelope) -> PovertyDecision | None:
    """The status decision of the event; ``None`` for the other poverty events (an exit is
    also a ``HouseholdStatusDecided``; certificates change no figure)."""
    if envelope.type != DECIDED:
        return None
    m = events_pb2.HouseholdStatusDecided()
    m.ParseFromString(envelope.data)
    on = m.effective_on
    return PovertyDecision(
        event_id=str(envelope.id),
        household_id=m.household_id,
        province_code=envelope.province,
        commune_code=m.commune_code,
        effective_on=date(on.year, on.month, on.day),
        review_year=m.review_year,
        status=m.status,
        previous_status=m.previous_status,
        deprivations=tuple(m.deprivations),
    )
