"""The outbox relay: publishes unsent outbox rows in order, then marks them sent."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from confluent_kafka import KafkaError, Message, Producer
from opentelemetry.trace import SpanKind, TracerProvider
from sqlalchemy import Connection, Engine, Row, func, select, update

from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.headers import to_kafka_headers
from ansinh_common.messaging.relay.metrics import RelayMetrics
from ansinh_common.messaging.tables import messaging_tables
from ansinh_common.messaging.tracing import current_trace_carrier, messaging_span

log = logging.getLogger(__name__)

CRASH_AFTER_SEND_ENV = "ANSINH_RELAY_CRASH_AFTER_SEND"
"""Test hook: ``1`` makes the relay SIGKILL itself after delivery, before marking rows sent."""

RELAY_LOCK_KEY = 0x616E73696E68_01
"""Advisory lock taken per batch: one relay publishes from a database at a time (order)."""


def envelope_of(row: Row[Any]) -> Envelope:
    return Envelope(
        id=row.event_id,
        source=row.source,
        type=row.type,
        subject=row.subject,
        province=row.province,
        time=row.time,
        datacontenttype=row.datacontenttype,
        dataschema=row.dataschema,
        data=bytes(row.payload),
    )


class OutboxRelay:
    """Relays one database's outbox to Kafka (at least once, in ``id`` order)."""

    def __init__(
        self,
        engine: Engine,
        producer_factory: Callable[[], Producer],
        *,
        batch_size: int = 100,
        delivery_timeout_s: float = 35.0,
        tracer_provider: TracerProvider | None = None,
        database: str = "db",
        metrics: RelayMetrics | None = None,
        sample_interval_s: float = 1.0,
    ) -> None:
        self._engine = engine
        self._producer_factory = producer_factory
        self._producer = producer_factory()
        self._batch_size = batch_size
        self._delivery_timeout_s = delivery_timeout_s
        self._tracer_provider = tracer_provider
        self._metrics = metrics if metrics is not None else RelayMetrics(database)
        self._sample_interval_s = sample_interval_s
        self._sampled_at = float("-inf")

    def relay_once(self) -> int:
        """Publish one batch; return how many rows were marked sent."""
        outbox = messaging_tables().outbox
        with self._engine.begin() as conn:
            if not conn.execute(select(func.pg_try_advisory_xact_lock(RELAY_LOCK_KEY))).scalar():
                return 0
            rows = self._lock_unsent(conn)
            if not rows:
                return 0
            sent = self._publish(rows)
            if os.environ.get(CRASH_AFTER_SEND_ENV) == "1":
                os.kill(os.getpid(), signal.SIGKILL)
            if sent:
                conn.execute(update(outbox).where(outbox.c.id.in_(sent)).values(sent_at=func.now()))
        self._metrics.published(len(sent))
        return len(sent)

    def sample(self) -> tuple[int, float]:
        """Measure the backlog and the relay lag now (exported as gauges); return them."""
        outbox = messaging_tables().outbox
        query = select(
            func.count(),
            func.coalesce(func.extract("epoch", func.now() - func.min(outbox.c.created_at)), 0),
        ).where(outbox.c.sent_at.is_(None))
        with self._engine.connect() as conn:
            backlog, lag = conn.execute(query).one()
        self._metrics.sampled(int(backlog), float(lag))
        self._sampled_at = time.monotonic()
        return int(backlog), float(lag)

    def run(self, stop: threading.Event, poll_interval_s: float = 0.5) -> None:
        """Relay until ``stop`` is set; sleep only when a batch was not full."""
        while not stop.is_set():
            try:
                sent = self.relay_once()
                if time.monotonic() - self._sampled_at >= self._sample_interval_s:
                    self.sample()
            except Exception:
                log.exception("outbox relay batch failed")
                self._metrics.unreachable()
                sent = 0
            if sent < self._batch_size:
                stop.wait(poll_interval_s)
        self._producer.flush(self._delivery_timeout_s)

    def _lock_unsent(self, conn: Connection) -> Sequence[Row[Any]]:
        outbox = messaging_tables().outbox
        query = (
            select(outbox)
            .where(outbox.c.sent_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
            .with_for_update(skip_locked=True)
        )
        return conn.execute(query).all()

    def _publish(self, rows: Sequence[Row[Any]]) -> list[int]:
        """Produce every row, wait for delivery; return the ids of the delivered prefix."""
        errors: dict[int, KafkaError | None] = {}
        for row in rows:
            self._produce(row, errors)
        self._producer.flush(self._delivery_timeout_s)
        delivered: list[int] = []
        for row in rows:
            if row.id not in errors or errors[row.id] is not None:
                self._on_failure(row, errors.get(row.id))
                break
            delivered.append(row.id)
        return delivered

    def _produce(self, row: Row[Any], errors: dict[int, KafkaError | None]) -> None:
        parent = {k: v for k in ("traceparent", "tracestate") if (v := getattr(row, k))}
        attributes: dict[str, str | int] = {
            "messaging.system": "kafka",
            "messaging.operation.type": "publish",
            "messaging.destination.name": row.topic,
            "messaging.message.id": str(row.event_id),
            "messaging.kafka.message.key": row.key,
        }

        def on_delivery(err: KafkaError | None, _msg: Message) -> None:
            errors[row.id] = err

        with messaging_span(
            f"publish {row.topic}", SpanKind.PRODUCER, parent, attributes, self._tracer_provider
        ):
            headers = to_kafka_headers(envelope_of(row), current_trace_carrier())
            while True:
                try:
                    self._producer.produce(
                        row.topic,
                        value=bytes(row.payload),
                        key=row.key.encode(),
                        headers=headers,
                        on_delivery=on_delivery,
                    )
                    break
                except BufferError:
                    self._producer.poll(0.5)
            self._producer.poll(0)

    def _on_failure(self, row: Row[Any], err: KafkaError | None) -> None:
        log.error("outbox row %s to %s not delivered: %s", row.id, row.topic, err or "timeout")
        if err is not None and err.fatal():
            log.error("idempotent producer hit a fatal error; creating a new producer")
            self._producer = self._producer_factory()
