"""Kafka consumer with an inbox: each event's effect is applied exactly once.

The loop every worker runs (ADR 0008, batches ADR 0030): poll the messages ready (up to
``max_batch``) → one database transaction per run of consecutive messages with the same
``batch_key``: the run's inbox rows in one statement + the handler for each new event →
store the offsets (committed in the background and on close; a redelivery after a crash is
skipped by the inbox). When a run's transaction fails, it is rolled back and its messages are
applied again one per transaction: a failing attempt is retried with backoff; a message that
keeps failing goes to ``<topic>.dlq`` alone (at once when the handler raises
``UnprocessableMessage``), except when the database is unavailable: then the consumer seeks
back and keeps the partition's order. Retries, dead letters, applied and duplicate events
are counted (``ansinh_common.messaging.metrics``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple

from confluent_kafka import KafkaException, Message, Producer, TopicPartition
from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import Span, SpanKind, TracerProvider
from sqlalchemy.orm import Session

from ansinh_common.db.router import ShardRouter
from ansinh_common.messaging.dead_letter import publish_dead_letter
from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.errors import InvalidEnvelopeError, UnprocessableMessage
from ansinh_common.messaging.headers import from_kafka_headers, trace_carrier
from ansinh_common.messaging.inbox import InboxEntry, record_batch_in_inbox, record_in_inbox
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
BatchHandler = Callable[[Session, Sequence[Envelope]], None]
"""Applies the new events of one transaction together (same contract as ``Handler``)."""
BatchKey = Callable[[Envelope], Hashable]
"""Consecutive messages with the same key share one transaction (so the same session scope)."""

MAX_BATCH = 500
"""Messages applied per poll at most (those already fetched; the poll never waits to fill)."""


def by_province(envelope: Envelope) -> Hashable:
    """The default batch key: right for any session scope chosen by the event's province."""
    return envelope.province


def one_scope(_envelope: Envelope) -> Hashable:
    """The batch key of a consumer whose session scope does not depend on the event."""
    return None


class _Delivery(NamedTuple):
    message: Message
    envelope: Envelope


def routed_sessions(router: ShardRouter) -> SessionScope:
    """Apply each event in the shard of its ``province``."""
    return lambda envelope: router.session(envelope.province)


class InboxConsumer:
    """Consumes ``topics``; per run of messages with the same ``batch_key``: inbox inserts +
    handler in one DB transaction, commit, then store the Kafka offsets. The inbox is keyed
    by (``group_id``, event id). ``max_batch=1`` applies one message per transaction.

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
        batch_key: BatchKey = by_province,
        max_batch: int = MAX_BATCH,
        batch_handler: BatchHandler | None = None,
        **consumer_config: Any,
    ) -> None:
        """``batch_handler``: when given, a run's new events are applied by one call of it
        (``handler`` still applies a message alone); if it raises, the run is applied again
        one message per transaction, so a poison message is still found and dead-lettered."""
        self._batch_handler = batch_handler
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._batch_key = batch_key
        self._max_batch = max_batch
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
        self._rewound: set[tuple[str, int]] = set()
        """Partitions sought back during this poll batch: their later messages come again."""

    @property
    def group_id(self) -> str:
        return self._name

    @property
    def stats(self) -> ConsumerStats:
        """Applied, duplicate, retried and dead-lettered counts since start."""
        return self._metrics.stats

    def poll_once(self, timeout_s: float = 1.0) -> int:
        """Wait up to ``timeout_s`` for a message, then process it with those already fetched
        (``max_batch`` at most); the number of messages processed (0 when none)."""
        first = self._consumer.poll(timeout_s)
        if time.monotonic() - self._lag_measured_at >= LAG_INTERVAL_S:
            self.measure_lag()
        if first is None:
            return 0
        messages = [first]
        if self._max_batch > 1:
            messages += self._consumer.consume(self._max_batch - 1, 0)
        batch = []
        for message in messages:
            if message.error() is not None:
                log.warning("consumer %s: %s", self._name, message.error())
            else:
                batch.append(message)
        self._process_batch(batch)
        return len(batch)

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

    def _process_batch(self, messages: list[Message]) -> None:
        """Runs of consecutive messages with one batch key, in order; a message whose envelope
        cannot be read ends a run and is dead-lettered in its place."""
        self._rewound.clear()
        run: list[_Delivery] = []
        for message in messages:
            try:
                envelope = from_kafka_headers(message.headers(), message.value())
            except InvalidEnvelopeError as exc:
                self._apply_run(run)
                run = []
                if _partition(message) not in self._rewound:
                    self._dead_letter(message, exc, attempts=1)
                continue
            if run and self._batch_key(run[-1].envelope) != self._batch_key(envelope):
                self._apply_run(run)
                run = []
            run.append(_Delivery(message, envelope))
        self._apply_run(run)

    def _apply_run(self, run: list[_Delivery]) -> None:
        """One transaction for ``run``. When a handler raises, the transaction is rolled
        back, the messages before the culprit are applied again together, the culprit alone
        (dead-lettered at once if unprocessable, else retried then dead-lettered), and the
        rest together; any other failure applies the run one message per transaction."""
        while run := [d for d in run if _partition(d.message) not in self._rewound]:
            if len(run) == 1:
                self._process(run[0].message, run[0].envelope)
                return
            failed_at: list[int] = []
            try:
                applied = self._apply_together(run, failed_at)
            except Exception as exc:  # noqa: BLE001 - sorted out below, message by message
                if not failed_at:
                    log.warning("consumer %s: batch rolled back (%r)", self._name, exc)
                    for delivery in run:
                        if _partition(delivery.message) not in self._rewound:
                            self._process(delivery.message, delivery.envelope)
                    return
                culprit = run[failed_at[0]]
                self._apply_run(run[: failed_at[0]])
                run = run[failed_at[0] + 1 :]
                if _partition(culprit.message) in self._rewound:
                    continue
                if isinstance(exc, UnprocessableMessage):
                    self._dead_letter(culprit.message, exc, attempts=1)
                else:
                    self._process(culprit.message, culprit.envelope)
                continue
            for was_new in applied:
                self._metrics.count("processed" if was_new else "duplicates")
            last: dict[tuple[str, int], int] = {}
            for delivery in run:
                last[_partition(delivery.message)] = int(delivery.message.offset() or 0)
            self._store([TopicPartition(t, p, o + 1) for (t, p), o in last.items()])
            return

    def _apply_together(self, run: list[_Delivery], failed_at: list[int]) -> list[bool]:
        """One transaction: the run's inbox rows, then the handler for each new event (the
        index of a message whose handler raised is appended to ``failed_at``)."""
        with self._session_scope(run[0].envelope) as session:
            entries = [
                InboxEntry(
                    d.envelope,
                    str(d.message.topic()),
                    int(d.message.partition() or 0),
                    int(d.message.offset() or 0),
                )
                for d in run
            ]
            new = record_batch_in_inbox(session, self._name, entries)
            applied = []
            for index, delivery in enumerate(run):
                is_new = delivery.envelope.id in new
                new.discard(delivery.envelope.id)  # repeated in the batch: applied once
                with self._span(delivery.message, delivery.envelope) as span:
                    if is_new and self._batch_handler is None:
                        try:
                            self._handler(session, delivery.envelope)
                        except Exception:
                            failed_at.append(index)
                            raise
                    else:
                        span.set_attribute("ansinh.inbox.duplicate", True)
                applied.append(is_new)
            if self._batch_handler is not None:
                fresh = [d.envelope for d, is_new in zip(run, applied, strict=True) if is_new]
                self._batch_handler(session, fresh)
            return applied

    def _process(self, message: Message, envelope: Envelope | None = None) -> None:
        if envelope is None:
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
        with self._span(message, envelope) as span, self._session_scope(envelope) as session:
            topic = str(message.topic())
            partition, offset = int(message.partition() or 0), int(message.offset() or 0)
            if record_in_inbox(session, self._name, envelope, topic, partition, offset):
                self._handler(session, envelope)
                return True
            span.set_attribute("ansinh.inbox.duplicate", True)
            log.info("consumer %s: event %s already applied, skipped", self._name, envelope.id)
            return False

    def _span(self, message: Message, envelope: Envelope) -> AbstractContextManager[Span]:
        """The consumer span of one message, child of the producer's context."""
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
        return messaging_span(
            f"process {topic}", SpanKind.CONSUMER, carrier, attributes, self._tracer_provider
        )

    def _commit(self, message: Message) -> None:
        """Store the offset past ``message``; librdkafka commits it within a second and on
        close (a message redelivered after a crash is skipped by the inbox)."""
        tp = TopicPartition(message.topic(), message.partition(), int(message.offset() or 0) + 1)
        self._store([tp])

    def _store(self, offsets: list[TopicPartition]) -> None:
        try:
            self._consumer.store_offsets(offsets=offsets)
        except KafkaException as exc:
            # Harmless: the partition was revoked; its new owner's inbox skips the message.
            log.warning("consumer %s: offset store failed: %s", self._name, exc)

    def _rewind(self, message: Message) -> None:
        """Leave the offset uncommitted and read the message again on the next poll."""
        tp = TopicPartition(message.topic(), message.partition(), message.offset())
        self._rewound.add(_partition(message))
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


def _partition(message: Message) -> tuple[str, int]:
    return str(message.topic()), int(message.partition() or 0)
