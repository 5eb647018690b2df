"""Kafka stopped for 30 s during writes, on a PRIVATE broker (issue 10, ADR 0008).

The registry's relay and worker run as real processes against a private single-node KRaft
broker. While the broker is down for 30 s, registrations keep coming (through the registry's
use cases, the same code the gRPC servicer calls): every write succeeds, its events wait in the
outbox. After the restart every event reaches Kafka (each outbox id is on the topic) and is
applied once by each shard's worker (each id exactly once in each shard's inbox; nothing
dead-lettered), and the index holds one entry per record.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient
from sqlalchemy.pool import NullPool

from ansinh_common.messaging import dlq_topic_name
from ansinh_common.private_servers import PrivateKafka
from ansinh_common.testing import create_topic

from .support import (
    count,
    pipeline_env,
    register_command,
    registry_app,
    registry_databases,
    start_relay,
    start_worker,
    stop,
)

pytestmark = pytest.mark.e2e

OUTAGE_S = 30.0
SERIALS = 840_000


def topic_event_ids(bootstrap: str, topic: str) -> list[str]:
    """Every message's ``ce_id`` on ``topic``, from the beginning to the end."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"read-{uuid.uuid4().hex}",
                         "enable.auto.commit": False})  # fmt: skip
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        ends = {}
        for p in partitions:
            _low, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
            ends[p] = high
        consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
        ids: list[str] = []
        deadline = time.monotonic() + 60
        while sum(ends.values()) > len(ids) and time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is not None and message.error() is None:
                headers = dict(message.headers() or [])
                ids.append(headers["ce_id"].decode())
        return ids
    finally:
        consumer.close()


def all_outbox_ids(shards: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for url in shards.values():
        engine = sa.create_engine(url, poolclass=NullPool)
        with engine.connect() as conn:
            found |= {
                str(i) for i in conn.execute(sa.text("SELECT event_id FROM outbox")).scalars()
            }
        engine.dispose()
    return found


def test_writes_succeed_while_kafka_is_down_and_every_event_is_applied_once_after(
    make_database: Callable[[str], str], tmp_path: Path
) -> None:
    dbs = registry_databases(make_database)
    with PrivateKafka() as kafka:
        topic = create_topic(kafka.bootstrap, 3, "faults")
        app = registry_app(dbs, topic)
        env = pipeline_env(dbs, kafka.bootstrap, topic, f"fault-{uuid.uuid4().hex[:8]}")
        relay, worker = (
            start_relay(env, tmp_path / "relay.log"),
            start_worker(env, tmp_path / "worker.log"),
        )
        serial = iter(range(10_000))
        try:
            before = [app.bus.handle(register_command(next(serial), SERIALS)) for _ in range(5)]
            kafka.stop()
            stopped_at = time.monotonic()
            during: list[str] = []
            write_times: list[float] = []
            while time.monotonic() - stopped_at < OUTAGE_S:
                started = time.monotonic()
                during.append(app.bus.handle(register_command(next(serial), SERIALS)))
                write_times.append(time.monotonic() - started)
                time.sleep(0.5)
            kafka.start()
            restarted_at = time.monotonic()
            expected = all_outbox_ids(dbs.shards)

            def applied_everywhere() -> bool:
                return all(
                    count(url, "SELECT count(*) FROM inbox") >= len(expected)
                    for url in dbs.shards.values()
                )

            while not applied_everywhere() and time.monotonic() - restarted_at < 120:
                time.sleep(0.5)
            drained = time.monotonic() - restarted_at
            on_topic = topic_event_ids(kafka.bootstrap, topic)
            admin = AdminClient({"bootstrap.servers": kafka.bootstrap})
            dead_letters = dlq_topic_name(topic) in admin.list_topics(timeout=10).topics
        finally:
            stop(relay, worker)
            app.close()

    records = len(before) + len(during)
    median_ms = sorted(write_times)[len(write_times) // 2] * 1000
    print(f"\n{len(during)} writes during the outage, median {median_ms:.0f} ms; "
          f"{len(expected)} events applied everywhere {drained:.1f} s after Kafka returned; "
          f"{len(on_topic) - len(set(on_topic))} duplicate messages on the topic")  # fmt: skip
    assert len(during) >= 30
    assert set(on_topic) == expected  # every event reached Kafka, nothing else did
    for url in dbs.shards.values():  # each shard's worker applied each event once
        assert count(url, "SELECT count(*) FROM inbox") == len(expected)
        assert count(url, "SELECT count(DISTINCT event_id) FROM inbox") == len(expected)
    assert not dead_letters
    assert count(dbs.shards["s1"], "SELECT count(*) FROM beneficiary_records") == records
    assert count(dbs.global_url, "SELECT count(*) FROM active_index WHERE active") == records
    unconfirmed = "SELECT count(*) FROM active_index WHERE NOT confirmed"
    assert count(dbs.global_url, unconfirmed) == 0
