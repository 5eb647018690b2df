"""The pytest plugin itself, against the real servers (infra/servers.sh up)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import redis
import sqlalchemy as sa
from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient

from ansinh_common.testing import Servers, create_database, drop_database

pytestmark = pytest.mark.integration


def test_make_database_gives_an_empty_database_of_its_own(
    servers: Servers, make_database: Callable[..., str]
) -> None:
    url = make_database("plugin")
    assert sa.make_url(url).database != sa.make_url(servers.pg_admin_url).database
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        assert conn.execute(sa.text("SELECT current_database()")).scalar_one().startswith("plugin_")
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
            == 0
        )
        conn.execute(sa.text("CREATE TABLE t (id int primary key)"))
    engine.dispose()


def test_drop_database_succeeds_while_connections_are_open(servers: Servers) -> None:
    url = create_database(servers.pg_admin_url, "plugin")
    engine = sa.create_engine(url)
    held = engine.connect()
    held.execute(sa.text("SELECT 1"))
    drop_database(servers.pg_admin_url, url)
    admin = sa.create_engine(servers.pg_admin_url)
    with admin.connect() as conn:
        count = conn.execute(
            sa.text("SELECT count(*) FROM pg_database WHERE datname = :n"),
            {"n": sa.make_url(url).database},
        ).scalar_one()
    admin.dispose()
    assert count == 0
    held.invalidate()
    engine.dispose()


def test_make_topic_creates_a_topic_with_the_partitions_asked(
    servers: Servers, make_topic: Callable[..., str]
) -> None:
    topic = make_topic(partitions=4, prefix="plugin")
    admin = AdminClient({"bootstrap.servers": servers.kafka_bootstrap})
    assert len(admin.list_topics(topic=topic, timeout=10).topics[topic].partitions) == 4

    producer = Producer({"bootstrap.servers": servers.kafka_bootstrap})
    producer.produce(topic, key=b"k", value=b"xin chao")
    assert producer.flush(10) == 0
    consumer = Consumer(
        {
            "bootstrap.servers": servers.kafka_bootstrap,
            "group.id": f"{topic}.g",
            "auto.offset.reset": "earliest",
        }
    )
    consumer.subscribe([topic])
    try:
        message = None
        for _ in range(30):
            message = consumer.poll(1.0)
            if message is not None and message.error() is None:
                break
        assert message is not None and message.value() == b"xin chao"
    finally:
        consumer.close()


def test_servers_fixture_points_at_live_redis_and_keycloak(servers: Servers) -> None:
    client = redis.Redis.from_url(servers.redis_url)
    assert client.ping()
    client.close()
    response = httpx.get(f"{servers.keycloak_url}/realms/ansinh/.well-known/openid-configuration")
    assert response.status_code == 200
    assert response.json()["issuer"].endswith("/realms/ansinh")
