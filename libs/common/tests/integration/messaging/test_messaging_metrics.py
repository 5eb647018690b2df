"""The metrics of ADR 0023 on the real servers: the relay's backlog, lag, published count and
database reachability; the consumer's lag per topic and its counters starting at 0."""

import threading
import time
import uuid
from collections.abc import Callable

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import sessionmaker

from ansinh_common.db import session_scope
from ansinh_common.messaging import InboxConsumer, OutboxRelay, create_idempotent_producer
from ansinh_common.messaging.relay.metrics import RelayMetrics

from .helpers import record_effect, submit_dossiers

pytestmark = pytest.mark.integration


def points(reader: InMemoryMetricReader) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """(metric name, sorted attributes) → the current value."""
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    data = reader.get_metrics_data()
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                for point in metric.data.data_points:
                    attrs = tuple(sorted((k, str(v)) for k, v in point.attributes.items()))
                    found[(metric.name, attrs)] = float(point.value)
    return found


def test_relay_exports_backlog_lag_published_and_database_up(
    producer_db: Engine, make_topic: Callable[..., str], bootstrap: str
) -> None:
    reader = InMemoryMetricReader()
    metrics = RelayMetrics("s2", meter_provider=MeterProvider(metric_readers=[reader]))
    relay = OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap), metrics=metrics)
    topic = make_topic(partitions=1)
    submit_dossiers(producer_db, topic, 3)
    time.sleep(0.3)
    backlog, lag = relay.sample()
    assert backlog == 3 and lag >= 0.3
    db = (("database", "s2"),)
    assert points(reader)[("ansinh.outbox.backlog", db)] == 3
    assert points(reader)[("ansinh.outbox.published", db)] == 0

    assert relay.relay_once() == 3
    assert relay.sample() == (0, 0.0)
    now = points(reader)
    assert now[("ansinh.outbox.backlog", db)] == 0
    assert now[("ansinh.outbox.relay.lag", db)] == 0
    assert now[("ansinh.outbox.published", db)] == 3
    assert now[("ansinh.database.up", db)] == 1


def test_an_unreachable_database_sets_database_up_to_0(bootstrap: str) -> None:
    reader = InMemoryMetricReader()
    metrics = RelayMetrics("s3", meter_provider=MeterProvider(metric_readers=[reader]))
    nowhere = create_engine(
        "postgresql+psycopg://ansinh:ansinh@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    relay = OutboxRelay(nowhere, lambda: create_idempotent_producer(bootstrap), metrics=metrics)
    stop = threading.Event()
    runner = threading.Thread(target=relay.run, args=(stop, 0.1))
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while ("ansinh.database.up", (("database", "s3"),)) not in points(reader):
            assert time.monotonic() < deadline, "database_up was not exported"
            time.sleep(0.1)
    finally:
        stop.set()
        runner.join(10)
    assert points(reader)[("ansinh.database.up", (("database", "s3"),))] == 0


def test_consumer_lag_per_topic_and_counters_from_zero(
    producer_db: Engine, consumer_db: Engine, make_topic: Callable[..., str], bootstrap: str
) -> None:
    reader = InMemoryMetricReader()
    topic = make_topic(partitions=1)
    group = f"test-{uuid.uuid4().hex[:8]}"
    factory = sessionmaker(consumer_db)
    consumer = InboxConsumer(
        bootstrap=bootstrap,
        group_id=group,
        topics=[topic],
        handler=record_effect,
        session_scope=lambda _envelope: session_scope(factory),
        meter_provider=MeterProvider(metric_readers=[reader]),
        max_batch=1,  # one message per poll: the lag is read half-way
    )
    g = (("consumer_group", group),)
    assert points(reader)[("ansinh.consumer.dead_lettered", g)] == 0
    assert points(reader)[("ansinh.consumer.duplicates", g)] == 0
    relay = OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap))
    submit_dossiers(producer_db, topic, 5)
    assert relay.relay_once() == 5
    try:
        processed = 0
        deadline = time.monotonic() + 30
        while processed < 2:
            assert time.monotonic() < deadline, "the consumer got nothing"
            processed += consumer.poll_once(0.5)
        lags = consumer.measure_lag()
        while lags.get(topic) != 3 and time.monotonic() < deadline:  # watermark refreshes
            time.sleep(0.2)
            lags = consumer.measure_lag()
        assert lags == {topic: 3}
        assert points(reader)[("ansinh.consumer.lag", (*g, ("topic", topic)))] == 3
        while processed < 5:
            assert time.monotonic() < deadline, "the consumer did not finish"
            processed += consumer.poll_once(0.5)
        assert consumer.measure_lag() == {topic: 0}
        assert points(reader)[("ansinh.consumer.processed", g)] == 5
    finally:
        consumer.close()
