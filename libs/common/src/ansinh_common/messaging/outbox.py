"""Transactional outbox: the event is written in the same transaction as the state change."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.tables import messaging_tables
from ansinh_common.messaging.tracing import current_trace_carrier


def add_to_outbox(session: Session, topic: str, key: str, envelope: Envelope) -> None:
    """Insert ``envelope`` into the outbox within ``session``'s current transaction.

    The current OpenTelemetry context is stored with the row, so the relay's publish span
    continues the trace of the operation that produced the event.
    """
    carrier = current_trace_carrier()
    session.execute(
        insert(messaging_tables().outbox).values(
            event_id=envelope.id,
            topic=topic,
            key=key,
            source=envelope.source,
            type=envelope.type,
            subject=envelope.subject,
            province=envelope.province,
            time=envelope.time,
            datacontenttype=envelope.datacontenttype,
            dataschema=envelope.dataschema,
            payload=envelope.data,
            traceparent=carrier.get("traceparent"),
            tracestate=carrier.get("tracestate"),
        )
    )
