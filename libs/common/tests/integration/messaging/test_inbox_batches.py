"""A poll batch is applied in one transaction, exactly once in effect: a duplicate in the
batch or already in the inbox is skipped, and a poison message goes to the DLQ alone while
the rest of its batch is applied (ADR 0030)."""

import uuid
from collections.abc import Callable

from confluent_kafka import Message
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from ansinh_common.messaging import (
    Envelope,
    RetryPolicy,
    UnprocessableMessage,
    create_idempotent_producer,
    dlq_topic_name,
    to_kafka_headers,
)
from ansinh_common.testing import delete_topic

from .helpers import consume, count, effects, inbox_consumer, record_effect

FAST = RetryPolicy(max_attempts=2, initial_backoff_s=0.01, max_backoff_s=0.05)


def _event(n: int) -> Envelope:
    return Envelope(
        source="/ansinh/test",
        type="ansinh.test.v1.DossierSubmitted",
        subject=f"d-{n}",
        province="79",
        data=f"payload-{n}".encode(),
    )


def _produce(bootstrap: str, topic: str, envelopes: list[Envelope]) -> None:
    producer = create_idempotent_producer(bootstrap)
    for envelope in envelopes:
        producer.produce(
            topic, key=envelope.subject.encode(), value=envelope.data,
            headers=to_kafka_headers(envelope),
        )  # fmt: skip
    assert producer.flush(10) == 0


def test_a_poll_batch_is_one_transaction_applied_exactly_once(
    consumer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    topic = make_topic(partitions=1)
    events = [_event(n) for n in range(30)]
    poison = events[17]
    already = events[3]
    _produce(bootstrap, topic, [*events[:10], events[5], *events[10:]])  # event 5 twice
    with consumer_db.begin() as conn:  # event 3 applied before, by the same consumer group
        conn.execute(text("INSERT INTO effects (event_id, subject) VALUES (:e, 'before')"),
                     {"e": already.id})  # fmt: skip
    transactions: list[int] = []

    def handler(session: Session, envelope: Envelope) -> None:
        if envelope.id == poison.id:
            raise UnprocessableMessage("commune_code: không thuộc tỉnh này")
        transactions.append(int(session.execute(text("SELECT txid_current()")).scalar_one()))
        record_effect(session, envelope)

    consumer = inbox_consumer(bootstrap, topic, consumer_db, handler, FAST)
    with consumer_db.begin() as conn:
        conn.execute(
            text("INSERT INTO inbox (consumer, event_id, topic, partition, \"offset\") "
                 "VALUES (:c, :e, :t, 0, 3)"),
            {"c": consumer.group_id, "e": already.id, "t": topic},
        )  # fmt: skip
    try:
        assert consume(consumer, 31) == 31
        assert consumer.stats.processed == 28
        assert consumer.stats.duplicates == 2  # event 5 repeated, event 3 already applied
        assert consumer.stats.dead_lettered == 1
    finally:
        consumer.close()
    applied = [eid for eid, _subject in effects(consumer_db)]
    expected = [already.id] + [e.id for e in events if e.id not in (already.id, poison.id)]
    assert applied == expected  # each once, in the partition's order
    assert count(consumer_db, "SELECT count(*) FROM inbox") == 29
    assert len(set(transactions)) < 10, "events were not applied in batches"
    [dead] = read_topic(dlq_topic_name(topic))
    delete_topic(bootstrap, dlq_topic_name(topic))
    assert dict(dead.headers() or [])["ce_id"] == str(poison.id).encode()
    assert uuid.UUID(dict(dead.headers() or [])["ce_id"].decode()) == poison.id
