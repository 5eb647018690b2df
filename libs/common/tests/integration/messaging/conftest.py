"""Fixtures for the messaging integration tests (real PostgreSQL and Kafka)."""

import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from confluent_kafka import Consumer, Message, TopicPartition
from sqlalchemy import Column, Engine, Integer, MetaData, Table, Text, Uuid, create_engine

from ansinh_common.messaging import add_messaging_tables
from ansinh_common.testing import Servers


@pytest.fixture
def bootstrap(servers: Servers) -> str:
    return str(servers.kafka_bootstrap)


def _engine(url: str, extra: Callable[[MetaData], object]) -> Engine:
    metadata = MetaData()
    add_messaging_tables(metadata)
    extra(metadata)
    engine = create_engine(url)
    metadata.create_all(engine)
    return engine


@pytest.fixture
def producer_db(make_database: Callable[[], str]) -> Iterator[Engine]:
    """The producing service's database: outbox/inbox plus a ``dossiers`` state table."""

    def tables(metadata: MetaData) -> None:
        Table("dossiers", metadata, Column("id", Text, primary_key=True), Column("status", Text))

    engine = _engine(make_database(), tables)
    yield engine
    engine.dispose()


@pytest.fixture
def consumer_db(make_database: Callable[[], str]) -> Iterator[Engine]:
    """The consuming service's database: inbox plus an ``effects`` table with no unique key,
    so an event applied twice would show up as two rows."""

    def tables(metadata: MetaData) -> None:
        Table(
            "effects",
            metadata,
            Column("n", Integer, primary_key=True, autoincrement=True),
            Column("event_id", Uuid, nullable=False),
            Column("subject", Text, nullable=False),
        )

    engine = _engine(make_database(), tables)
    yield engine
    engine.dispose()


ReadTopic = Callable[[str], list[Message]]


@pytest.fixture
def read_topic(bootstrap: str) -> ReadTopic:
    """Every message of a topic, read from the beginning up to the end of each partition."""

    def read(topic: str, timeout_s: float = 10.0) -> list[Message]:
        consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"read-{uuid.uuid4()}"})
        try:
            partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
            ends: dict[int, int] = {}
            for p in partitions:
                _, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
                ends[p] = high
            consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
            messages: list[Message] = []
            deadline = time.monotonic() + timeout_s
            while len(messages) < sum(ends.values()) and time.monotonic() < deadline:
                message = consumer.poll(0.5)
                if message is not None and message.error() is None:
                    messages.append(message)
            assert len(messages) == sum(ends.values()), "did not read up to the end"
            return messages
        finally:
            consumer.close()

    return read
