"""Domain events → CloudEvents envelopes → the shard's outbox, in the caller's transaction.

Topic ``ansinh.registry.beneficiary.v1``, key = record id (order per record). The envelope's
``province`` is the record's province, except for ``BeneficiaryMovedOut`` which names the
destination (the shard that acts on it). The rows are written with
``ansinh_common.messaging.add_many_to_outbox``: one ``COPY`` for the many events of a file
import's batch, one executemany for the few of a use case.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ansinh_common.messaging import Envelope, OutboxRow, add_many_to_outbox
from registry.adapters.messages import event_to_proto, event_type
from registry.config import EVENT_SOURCE
from registry.domain.events import BeneficiaryMovedOut, Event

DATASCHEMA = "https://ansinh.gov.vn/proto/ansinh/registry/v1/events.proto"


def envelope_for(event: Event) -> Envelope:
    province = event.province_code
    if isinstance(event, BeneficiaryMovedOut):
        province = event.destination.province_code
    return Envelope(
        source=EVENT_SOURCE,
        type=event_type(event),
        subject=event.record_id,
        province=province,
        data=event_to_proto(event).SerializeToString(),
        dataschema=DATASCHEMA,
    )


def write_outbox(session: Session, topic: str, events: Iterable[Event]) -> int:
    """Insert the events' rows, in order; returns how many."""
    return add_many_to_outbox(
        session, (OutboxRow(topic, event.record_id, envelope_for(event)) for event in events)
    )
