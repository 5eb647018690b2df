"""Poverty events → CloudEvents envelopes → the shard's outbox, in the caller's transaction.

Topic ``ansinh.poverty.v1``, key = household id (order per household), ``province`` = the
shard's province.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ansinh_common.messaging import Envelope, OutboxRow, add_many_to_outbox
from poverty.adapters.messages import event_to_proto, event_type
from poverty.config import EVENT_SOURCE
from poverty.domain.events import Event

DATASCHEMA = "https://ansinh.gov.vn/proto/ansinh/poverty/v1/events.proto"


def envelope_for(event: Event, province_code: str) -> Envelope:
    return Envelope(
        source=EVENT_SOURCE,
        type=event_type(event),
        subject=event.household_id,
        province=province_code,
        data=event_to_proto(event).SerializeToString(),
        dataschema=DATASCHEMA,
    )


def write_outbox(session: Session, topic: str, province_code: str, events: Iterable[Event]) -> int:
    rows = (OutboxRow(topic, e.household_id, envelope_for(e, province_code)) for e in events)
    return add_many_to_outbox(session, rows)
