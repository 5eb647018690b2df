"""Trace context crosses the outbox and Kafka; failing handlers are retried, then dead-lettered."""

import uuid
from collections.abc import Callable

import pytest
from confluent_kafka import Message
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ansinh_common.db import session_scope
from ansinh_common.messaging import (
    Envelope,
    InboxConsumer,
    OutboxRelay,
    RetryPolicy,
    UnprocessableMessage,
    create_idempotent_producer,
    dlq_topic_name,
    trace_carrier,
)
from ansinh_common.testing import delete_topic

from .helpers import consume, count, effects, inbox_consumer, record_effect, submit_dossiers

pytestmark = pytest.mark.integration

FAST = RetryPolicy(max_attempts=3, initial_backoff_s=0.05, max_backoff_s=0.1)


def span_named(spans: tuple[ReadableSpan, ...], name: str) -> ReadableSpan:
    [span] = [s for s in spans if s.name == name]
    return span


def test_trace_continues_from_the_writer_through_the_relay_to_the_consumer(
    producer_db: Engine,
    consumer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    topic = make_topic(partitions=1)

    with tracer.start_as_current_span("submit dossier"):
        submit_dossiers(producer_db, topic, 1)
    relay = OutboxRelay(
        producer_db, lambda: create_idempotent_producer(bootstrap), tracer_provider=provider
    )
    assert relay.relay_once() == 1
    factory = sessionmaker(consumer_db)
    consumer = InboxConsumer(
        bootstrap=bootstrap,
        group_id=f"trace-{uuid.uuid4().hex[:8]}",
        topics=[topic],
        handler=record_effect,
        session_scope=lambda _e: session_scope(factory),
        tracer_provider=provider,
    )
    try:
        assert consume(consumer, 1) == 1
    finally:
        consumer.close()

    spans = exporter.get_finished_spans()
    submit = span_named(spans, "submit dossier")
    publish = span_named(spans, f"publish {topic}")
    process = span_named(spans, f"process {topic}")
    assert publish.kind == SpanKind.PRODUCER and process.kind == SpanKind.CONSUMER
    assert publish.parent is not None and publish.parent.span_id == submit.context.span_id
    assert process.parent is not None and process.parent.span_id == publish.context.span_id
    assert process.context.trace_id == submit.context.trace_id
    [message] = read_topic(topic)
    traceparent = trace_carrier(message.headers())["traceparent"]
    assert traceparent.split("-")[2] == f"{publish.context.span_id:016x}"


def test_handler_failing_once_is_retried_and_applied_once(
    producer_db: Engine, consumer_db: Engine, make_topic: Callable[..., str], bootstrap: str
) -> None:
    topic = make_topic(partitions=1)
    [envelope] = submit_dossiers(producer_db, topic, 1)
    OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap)).relay_once()
    calls: list[int] = []

    def flaky(session: Session, event: Envelope) -> None:
        calls.append(1)
        record_effect(session, event)  # rolled back with the failed attempt
        if len(calls) == 1:
            raise RuntimeError("transient glitch")

    consumer = inbox_consumer(bootstrap, topic, consumer_db, flaky, FAST)
    try:
        assert consume(consumer, 1) == 1
    finally:
        consumer.close()
    assert len(calls) == 2
    assert effects(consumer_db) == [(envelope.id, envelope.subject)]


def test_poison_message_goes_to_the_dead_letter_topic_and_the_next_one_is_applied(
    producer_db: Engine,
    consumer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    topic = make_topic(partitions=1)
    dlq = dlq_topic_name(topic)
    poison, good = submit_dossiers(producer_db, topic, 2)
    OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap)).relay_once()

    def handler(session: Session, event: Envelope) -> None:
        if event.id == poison.id:
            raise ValueError("cannot apply this payload")
        record_effect(session, event)

    consumer = inbox_consumer(bootstrap, topic, consumer_db, handler, FAST)
    try:
        assert consume(consumer, 2) == 2
    finally:
        consumer.close()
    assert effects(consumer_db) == [(good.id, good.subject)]
    assert count(consumer_db, "SELECT count(*) FROM inbox") == 1
    [dead] = read_topic(dlq)
    delete_topic(bootstrap, dlq)  # created by the broker on first use
    headers = {k: v.decode() for k, v in dead.headers() or []}
    assert headers["ce_id"] == str(poison.id)
    assert headers["ansinh_dlq_attempts"] == "3"
    assert headers["ansinh_dlq_topic"] == topic
    assert headers["ansinh_dlq_error"] == "ValueError: cannot apply this payload"
    assert dead.value() == poison.data


def test_an_unprocessable_message_is_dead_lettered_at_once_without_retries(
    producer_db: Engine,
    consumer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    topic = make_topic(partitions=1)
    dlq = dlq_topic_name(topic)
    bad, good = submit_dossiers(producer_db, topic, 2)
    OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap)).relay_once()
    calls: list[uuid.UUID] = []

    def handler(session: Session, event: Envelope) -> None:
        calls.append(event.id)
        if event.id == bad.id:
            raise UnprocessableMessage("commune_code: không thuộc tỉnh này")
        record_effect(session, event)

    consumer = inbox_consumer(bootstrap, topic, consumer_db, handler, FAST)
    try:
        assert consume(consumer, 2) == 2
        assert (consumer.stats.dead_lettered, consumer.stats.retries) == (1, 0)
    finally:
        consumer.close()
    assert calls == [bad.id, good.id]  # one attempt only
    assert effects(consumer_db) == [(good.id, good.subject)]
    [dead] = read_topic(dlq)
    delete_topic(bootstrap, dlq)
    headers = {k: v.decode() for k, v in dead.headers() or []}
    assert headers["ansinh_dlq_attempts"] == "1"
    assert headers["ansinh_dlq_error"] == "UnprocessableMessage: commune_code: không thuộc tỉnh này"
