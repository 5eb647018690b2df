"""Outbox → relay → Kafka → inbox consumer: every event's effect is applied exactly once."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from confluent_kafka import Message, Producer
from sqlalchemy import Engine

from ansinh_common.messaging import (
    CRASH_AFTER_SEND_ENV,
    OutboxRelay,
    create_idempotent_producer,
    from_kafka_headers,
)

from .helpers import consume, count, effects, inbox_consumer, submit_dossiers

pytestmark = pytest.mark.integration

UNSENT = "SELECT count(*) FROM outbox WHERE sent_at IS NULL"


def relay_command(db_url: str, bootstrap: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "ansinh_common.messaging.relay", "--db-url", db_url,
            "--bootstrap", bootstrap, *extra]  # fmt: skip


def wait_until(condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def test_relay_killed_after_send_delivers_twice_but_applies_once(
    producer_db: Engine,
    consumer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    topic = make_topic(partitions=3)
    envelopes = submit_dossiers(producer_db, topic, 5)
    db_url = producer_db.url.render_as_string(hide_password=False)

    # 1. The relay publishes the batch, then SIGKILLs itself before marking the rows sent.
    crashing = subprocess.run(
        relay_command(db_url, bootstrap, "--once"),
        env={**os.environ, CRASH_AFTER_SEND_ENV: "1"},
        capture_output=True,
        timeout=30,
    )
    assert crashing.returncode == -signal.SIGKILL, crashing.stderr.decode()
    assert count(producer_db, UNSENT) == 5
    assert len(read_topic(topic)) == 5

    # 2. Restarted, it publishes the same rows again, marks them sent, stops on SIGTERM.
    relay = subprocess.Popen(relay_command(db_url, bootstrap, "--poll-interval", "0.2"))
    try:
        wait_until(lambda: count(producer_db, UNSENT) == 0)
    finally:
        relay.send_signal(signal.SIGTERM)
        assert relay.wait(timeout=15) == 0
    delivered = read_topic(topic)
    assert len(delivered) == 10
    ids = [from_kafka_headers(m.headers(), m.value()).id for m in delivered]
    assert sorted(ids) == sorted([e.id for e in envelopes] * 2)

    # 3. The consumer sees all 10 messages and applies each event once.
    consumer = inbox_consumer(bootstrap, topic, consumer_db)
    try:
        assert consume(consumer, 10) == 10
    finally:
        consumer.close()
    applied = effects(consumer_db)
    assert sorted(applied) == sorted((e.id, e.subject) for e in envelopes)
    assert count(consumer_db, "SELECT count(*) FROM inbox") == 5


def test_same_event_received_twice_is_applied_once(
    producer_db: Engine,
    consumer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    topic = make_topic(partitions=1)
    [envelope] = submit_dossiers(producer_db, topic, 1)
    relay = OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap))
    assert relay.relay_once() == 1
    assert relay.relay_once() == 0

    [original] = read_topic(topic)
    duplicate = Producer({"bootstrap.servers": bootstrap})
    duplicate.produce(topic, original.value(), original.key(), headers=original.headers())
    assert duplicate.flush(10) == 0

    consumer = inbox_consumer(bootstrap, topic, consumer_db)
    try:
        assert consume(consumer, 2) == 2
    finally:
        consumer.close()
    assert effects(consumer_db) == [(envelope.id, envelope.subject)]


def test_relay_reads_the_databases_from_the_service_settings(
    producer_db: Engine,
    make_database: Callable[[], str],
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    """``--settings module:Class``: the shards and Kafka come from the settings class (here its
    environment); a global database without an ``outbox`` table is left out."""
    topic = make_topic(partitions=1)
    envelopes = submit_dossiers(producer_db, topic, 3)
    env = {
        **os.environ,
        "ANSINH_SHARDS": json.dumps({"s1": producer_db.url.render_as_string(hide_password=False)}),
        "ANSINH_GLOBAL_DB_URL": make_database(),  # empty: no outbox
        "ANSINH_KAFKA_BOOTSTRAP": bootstrap,
    }
    command = [
        sys.executable, "-m", "ansinh_common.messaging.relay", "--once",
        "--settings", "ansinh_common.runtime.settings:GrpcServiceSettings",
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "global database has no outbox table" in result.stderr
    assert count(producer_db, UNSENT) == 0
    delivered = read_topic(topic)
    assert [from_kafka_headers(m.headers(), m.value()).id for m in delivered] == [
        e.id for e in envelopes
    ]
