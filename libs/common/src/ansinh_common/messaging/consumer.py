"""Kafka consumer with an inbox: each event's effect is applied exactly once.

The loop every worker runs (ADR 0008): poll → inbox row + handler in one database transaction
→ store the offset (committed in the background and on close; a redelivery after a crash is
skipped by the inbox). A failing attempt is retried with backoff; a message that keeps failing
goes to ``<topic>.dlq`` (at once when the handler raises ``UnprocessableMessage``), except
when the database is unavailable: then the consumer seeks back and keeps the partition's
order. Retries, dead letters, applied and duplicate events are
counted (``ansinh_common.messaging.metrics``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from confluent_kafka import KafkaException, Message, Producer, TopicPartition
from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import SpanKind, TracerProvider
from sqlalchemy.orm import Session

from ansinh_common.db.router import ShardRouter
from ansinh_common.messaging.dead_letter import publish_dead_letter
from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.errors import InvalidEnvelopeError, UnprocessableMessage
from ansinh_common.messaging.headers import from_kafka_headers, trace_carrier
from ansinh_common.messaging.inbox import record_in_inbox
from ansinh_common.messaging.kafka import (
    create_idempotent_producer,
    create_manual_commit_consumer,
    fast_recovery_config,
)
from ansinh_common.messaging.metrics import ConsumerMetrics, ConsumerStats
from ansinh_common.messaging.retry import RetryPolicy, is_transient
from ansinh_common.messaging.tracing import messaging_span

log = logging.getLogger(__name__)

LAG_INTERVAL_S = 2.0
"""How often the consumer lag gauge is refreshed (from librdkafka's local state, no request)."""

Handler = Callable[[Session, Envelope], None]
"""Applies one event's effect using the session (do not commit; the consumer does)."""
SessionScope = Callable[[Envelope], AbstractContextManager[Session]]
"""Opens the transaction in which the event is recorded in the inbox and applied."""


def routed_sessions(router: ShardRouter) -> SessionScope:
    """Apply each event in the shard of its ``province``."""
    return lambda envelope: router.session(envelope.province)


class InboxConsumer:
    """Consumes ``topics``; per message: inbox insert + handler in one DB transaction, commit,
    then store the Kafka offset. The inbox is keyed by (``group_id``, event id).

    ``instance``: this process's stable name (pod or host name) for static group membership,
    so that a restarted worker resumes at once (``kafka.fast_recovery_config``).
    """

    def __init__(
        self,
        *,
        bootstrap: str,
        group_id: str,
        topics: Sequence[str],
        handler: Handler,
        session_scope: SessionScope,
        retry: RetryPolicy | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        instance: str | None = None,
        **consumer_config: Any,
    ) -> None:
        self._bootstrap = bootstrap
        self._name = group_id
        self._handler = handler
        self._session_scope = session_scope
        self._retry = retry or RetryPolicy()
        self._tracer_provider = tracer_provider
        self._stop = threading.Event()
        self._dlq_producer: Producer | None = None
        self._security = {
            k: v for k, v in consumer_config.items() if k.startswith(("security.", "sasl.", "ssl."))
        }
        self._metrics = ConsumerMetrics(group_id, meter_provider)
        config = {**fast_recovery_config(group_id, instance), **consumer_config}
        self._consumer = create_manual_commit_consumer(bootstrap, group_id, **config)
        self._consumer.subscribe(list(topics))
        self._lag_measured_at = float("-inf")

    @property
    def group_id(self) -> str:
        return self._name

    @property
    def stats(self) -> ConsumerStats:
        """Applied, duplicate, retried and dead-lettered counts since start."""
        return self._metrics.stats

    def poll_once(self, timeout_s: float = 1.0) -> bool:
        """Process at most one message; True if one was processed."""
        message = self._consumer.poll(timeout_s)
        if time.monotonic() - self._lag_measured_at >= LAG_INTERVAL_S:
            self.measure_lag()
        if message is None:
            return False
        if message.error() is not None:
            log.warning("consumer %s: %s", self._name, message.error())
            return False
        self._process(message)
        return True

    def run(self) -> None:
        """Consume until ``stop()`` is called, then close."""
        try:
            while not self._stop.is_set():
                self.poll_once()
        finally:
            self.close()

    def stop(self) -> None:
        self._stop.set()

    def measure_lag(self) -> dict[str, int]:
        """Messages behind the end of each assigned topic (exported as a gauge); the high
        watermark is the one librdkafka last fetched, the position the next offset to read
        (the committed one before the first message)."""
        self._lag_measured_at = time.monotonic()
        lags: dict[str, int] = {}
        try:
            assignment = self._consumer.assignment()
            if not assignment:
                return lags
            positions = self._consumer.position(assignment)
            committed: dict[tuple[str, int], int] = {}
            if any(tp.offset < 0 for tp in positions):
                committed = {
                    (tp.topic, tp.partition): tp.offset
                    for tp in self._consumer.committed(assignment, timeout=1.0)
                }
            for tp in positions:
                low, high = self._consumer.get_watermark_offsets(tp, cached=True)
                offset = (
                    tp.offset if tp.offset >= 0 else committed.get((tp.topic, tp.partition), -1)
                )
                behind = max(high - max(offset, low, 0), 0) if high >= 0 else 0
                lags[tp.topic] = lags.get(tp.topic, 0) + behind
        except KafkaException as exc:
            log.warning("consumer %s: lag not measured: %s", self._name, exc)
            return lags
        for topic, behind in lags.items():
            self._metrics.lag(topic, behind)
        return lags

    def close(self) -> None:
        self._consumer.close()
        if self._dlq_producer is not None:
            self._dlq_producer.flush(10)

    def _process(self, message: Message) -> None:
        try:
            envelope = from_kafka_headers(message.headers(), message.value())
        except InvalidEnvelopeError as exc:
            self._dead_letter(message, exc, attempts=1)
            return
        attempt = 0
        while True:
            attempt += 1
            try:
                applied = self._apply(message, envelope)
            except UnprocessableMessage as exc:  # the message is bad: no retry can help
                self._dead_letter(message, exc, attempt)
                return
            except Exception as exc:  # noqa: BLE001 - any handler error is retried
                log.warning(
                    "consumer %s: event %s attempt %d failed: %r",
                    self._name,
                    envelope.id,
                    attempt,
                    exc,
                )
                if attempt < self._retry.max_attempts and not self._stop.is_set():
                    self._metrics.count("retries")
                    self._stop.wait(self._retry.backoff_s(attempt))
                    continue
                if is_transient(exc) or self._stop.is_set():
                    self._metrics.count("retries")
                    self._rewind(message)
                else:
                    self._dead_letter(message, exc, attempt)
                return
            self._metrics.count("processed" if applied else "duplicates")
            self._commit(message)
            return

    def _apply(self, message: Message, envelope: Envelope) -> bool:
        """Apply in one transaction; False if the inbox already had the event."""
        topic = str(message.topic())
        attributes: dict[str, str | int] = {
            "messaging.system": "kafka",
            "messaging.operation.type": "process",
            "messaging.destination.name": topic,
            "messaging.consumer.group.name": self._name,
            "messaging.message.id": str(envelope.id),
            "messaging.destination.partition.id": str(message.partition()),
            "messaging.kafka.offset": int(message.offset() or 0),
        }
        carrier = trace_carrier(message.headers())
        with (
            messaging_span(
                f"process {topic}", SpanKind.CONSUMER, carrier, attributes, self._tracer_provider
            ) as span,
            self._session_scope(envelope) as session,
        ):
            partition, offset = int(message.partition() or 0), int(message.offset() or 0)
            if record_in_inbox(session, self._name, envelope, topic, partition, offset):
                self._handler(session, envelope)
                return True
            span.set_attribute("ansinh.inbox.duplicate", True)
            log.info("consumer %s: event %s already applied, skipped", self._name, envelope.id)
            return False

    def _commit(self, message: Message) -> None:
        """Store the offset past ``message``; librdkafka commits it within a second and on
        close (a message redelivered after a crash is skipped by the inbox)."""
        try:
            self._consumer.store_offsets(message=message)
        except KafkaException as exc:
            # Harmless: the partition was revoked; its new owner's inbox skips the message.
            log.warning("consumer %s: offset store failed: %s", self._name, exc)

    def _rewind(self, message: Message) -> None:
        """Leave the offset uncommitted and read the message again on the next poll."""
        tp = TopicPartition(message.topic(), message.partition(), message.offset())
        try:
            self._consumer.seek(tp)
        except KafkaException as exc:  # partition revoked meanwhile: its new owner reads it
            log.warning("consumer %s: seek failed: %s", self._name, exc)
        self._stop.wait(self._retry.max_backoff_s)

    def _dead_letter(self, message: Message, error: BaseException, attempts: int) -> None:
        if self._dlq_producer is None:
            self._dlq_producer = create_idempotent_producer(self._bootstrap, **self._security)
        try:
            publish_dead_letter(self._dlq_producer, message, self._name, error, attempts)
        except KafkaException as exc:
            log.error("consumer %s: dead-lettering failed (%s); will retry", self._name, exc)
            self._rewind(message)
            return
        self._metrics.count("dead_lettered")
        log.error(
            "consumer %s: message %s/%s@%s dead-lettered after %d attempt(s): %r",
            self._name,
            message.topic(),
            message.partition(),
            message.offset(),
            attempts,
            error,
        )
        self._commit(message)
