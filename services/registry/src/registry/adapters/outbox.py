"""Domain events → CloudEvents envelopes → the shard's outbox, in the caller's transaction.

Topic ``ansinh.registry.beneficiary.v1``, key = record id (order per record). The envelope's
``province`` is the record's province, except for ``BeneficiaryMovedOut`` which names the
destination (the shard that acts on it). Many events are inserted with one executemany
(an import writes hundreds of thousands); the rows are those of
``ansinh_common.messaging.add_to_outbox``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from ansinh_common.messaging import Envelope
from ansinh_common.messaging.tables import messaging_tables
from ansinh_common.messaging.tracing import current_trace_carrier
from registry.adapters.bulk import bulk_insert
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


def outbox_rows(topic: str, events: Iterable[Event]) -> list[dict[str, Any]]:
    carrier = current_trace_carrier()
    rows = []
    for event in events:
        envelope = envelope_for(event)
        rows.append(
            {
                "event_id": envelope.id,
                "topic": topic,
                "key": event.record_id,
                "source": envelope.source,
                "type": envelope.type,
                "subject": envelope.subject,
                "province": envelope.province,
                "time": envelope.time,
                "datacontenttype": envelope.datacontenttype,
                "dataschema": envelope.dataschema,
                "payload": envelope.data,
                "traceparent": carrier.get("traceparent"),
                "tracestate": carrier.get("tracestate"),
            }
        )
    return rows


def write_outbox(session: Session, topic: str, events: Iterable[Event]) -> int:
    """Insert the events' rows; returns how many."""
    rows = outbox_rows(topic, events)
    bulk_insert(session, messaging_tables().outbox, rows)
    return len(rows)
