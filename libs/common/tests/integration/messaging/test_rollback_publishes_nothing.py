"""A rolled-back transaction leaves no outbox row and publishes nothing."""

import uuid
from collections.abc import Callable

import pytest
from confluent_kafka import Consumer, Message
from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from ansinh_common.db import session_scope
from ansinh_common.messaging import Envelope, OutboxRelay, add_to_outbox, create_idempotent_producer

from .helpers import count

pytestmark = pytest.mark.integration


class RefusedError(Exception):
    pass


def test_rolled_back_transaction_publishes_nothing(
    producer_db: Engine,
    make_topic: Callable[..., str],
    bootstrap: str,
    read_topic: Callable[[str], list[Message]],
) -> None:
    topic = make_topic(partitions=3)
    with pytest.raises(RefusedError), session_scope(sessionmaker(producer_db)) as session:
        session.execute(text("INSERT INTO dossiers (id, status) VALUES ('d-1', 'submitted')"))
        envelope = Envelope(
            source="/ansinh/test", type="t.v1.X", subject="d-1", province="01", data=b"x"
        )
        add_to_outbox(session, topic, "d-1", envelope)
        raise RefusedError

    assert count(producer_db, "SELECT count(*) FROM outbox") == 0
    assert count(producer_db, "SELECT count(*) FROM dossiers") == 0
    relay = OutboxRelay(producer_db, lambda: create_idempotent_producer(bootstrap))
    assert relay.relay_once() == 0

    assert read_topic(topic) == []
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"g-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
        }
    )
    try:
        consumer.subscribe([topic])
        polled = [consumer.poll(0.5) for _ in range(6)]
    finally:
        consumer.close()
    assert [m for m in polled if m is not None and m.error() is None] == []
