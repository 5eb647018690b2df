"""TEMPORARY local fixtures until ansinh_common.testing provides them (delete then)."""

import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest
from confluent_kafka.admin import AdminClient, NewTopic

PG_ADMIN = "postgresql://ansinh:ansinh@127.0.0.1:55432/postgres"
KAFKA = "127.0.0.1:59092"


@pytest.fixture
def make_database() -> Iterator[Callable[[], str]]:
    names: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return f"postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432/{name}"

    yield make
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_topic() -> Callable[..., str]:
    def make(partitions: int = 3) -> str:
        name = f"test.{uuid.uuid4().hex[:12]}"
        admin = AdminClient({"bootstrap.servers": KAFKA})
        for future in admin.create_topics([NewTopic(name, partitions, 1)]).values():
            future.result(10)
        return name

    return make
