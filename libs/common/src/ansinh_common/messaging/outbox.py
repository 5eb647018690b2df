"""Transactional outbox: the event is written in the same transaction as the state change.

``add_to_outbox`` writes one event; ``add_many_to_outbox`` writes a batch (a file import
produces hundreds of thousands) with one PostgreSQL ``COPY`` — or one executemany for a few
rows or another database — in the session's current transaction, so a rollback undoes them
with the state change. Rows keep their order: the relay publishes by ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.tables import messaging_tables
from ansinh_common.messaging.tracing import current_trace_carrier

COPY_THRESHOLD = 50  # from this many rows on, COPY (PostgreSQL with psycopg 3)

# the outbox columns an event fills (``id``, ``created_at`` and ``sent_at`` are the table's)
_COLUMNS = (
    "event_id", "topic", "key", "source", "type", "subject", "province", "time",
    "datacontenttype", "dataschema", "payload", "traceparent", "tracestate",
)  # fmt: skip


class OutboxRow(NamedTuple):
    """One event for the outbox: Kafka topic, Kafka key (order per key) and the envelope."""

    topic: str
    key: str
    envelope: Envelope


def outbox_values(row: OutboxRow, carrier: dict[str, str]) -> dict[str, Any]:
    """The outbox row's column values; ``carrier`` is the W3C trace context to store."""
    envelope = row.envelope
    return {
        "event_id": envelope.id,
        "topic": row.topic,
        "key": row.key,
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


def add_to_outbox(session: Session, topic: str, key: str, envelope: Envelope) -> None:
    """Insert ``envelope`` into the outbox within ``session``'s current transaction.

    The current OpenTelemetry context is stored with the row, so the relay's publish span
    continues the trace of the operation that produced the event.
    """
    values = outbox_values(OutboxRow(topic, key, envelope), current_trace_carrier())
    session.execute(insert(messaging_tables().outbox).values(**values))


def add_many_to_outbox(session: Session, rows: Iterable[OutboxRow]) -> int:
    """Insert many events, in order, within ``session``'s current transaction; returns how many.

    Same rows as :func:`add_to_outbox` (all with the current trace context). From
    :data:`COPY_THRESHOLD` rows on a PostgreSQL session on psycopg 3 uses one ``COPY … FROM
    STDIN``; otherwise one executemany.
    """
    batch = list(rows)
    if not batch:
        return 0
    carrier = current_trace_carrier()
    table = messaging_tables().outbox
    bind = session.get_bind()
    copy = (
        len(batch) >= COPY_THRESHOLD
        and bind.dialect.name == "postgresql"
        and bind.dialect.driver == "psycopg"
    )
    if not copy:
        session.execute(insert(table), [outbox_values(r, carrier) for r in batch])
        return len(batch)
    session.flush()  # pending ORM rows first, as an executemany would (autoflush)
    raw = session.connection().connection.driver_connection
    assert raw is not None
    traceparent, tracestate = carrier.get("traceparent"), carrier.get("tracestate")
    names = ", ".join(f'"{c}"' for c in _COLUMNS)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as out:
        for topic, key, e in batch:
            out.write_row(
                (e.id, topic, key, e.source, e.type, e.subject, e.province, e.time,
                 e.datacontenttype, e.dataschema, e.data, traceparent, tracestate)
            )  # fmt: skip
    return len(batch)
