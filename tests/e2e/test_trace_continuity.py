"""One trace from the gateway through gRPC, SQL, the outbox, Kafka and an inbox consumer.

HTTP request (gateway app, FastAPI instrumentation) → gRPC call (``make_channel``) → servicer
(``create_server``) writes a row and its event to the outbox in one PostgreSQL transaction →
the relay publishes it → an ``InboxConsumer`` applies it. Real PostgreSQL and Kafka.
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind
from sqlalchemy import Column, Engine, MetaData, Table, Text, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from ansinh_common.auth import Principal, current_principal
from ansinh_common.auth.principal import call_metadata
from ansinh_common.db import session_scope
from ansinh_common.grpc.server import create_server
from ansinh_common.messaging import (
    Envelope,
    InboxConsumer,
    OutboxRelay,
    add_messaging_tables,
    add_to_outbox,
    create_idempotent_producer,
)
from ansinh_common.telemetry import instrument_engine
from ansinh_common.telemetry.testing import in_memory_exporter
from ansinh_common.testing import (
    NOT_RUNNING,
    Servers,
    create_database,
    create_topic,
    delete_topic,
    drop_database,
)
from ansinh_common.testing_keycloak import KeycloakTestUsers, verifier_for
from gateway.app import create_app
from gateway.config import GatewaySettings

pytestmark = pytest.mark.e2e

SERVICE = "ansinh.e2e.v1.TraceService"
METHOD = f"/{SERVICE}/Submit"
OFFICER = Principal("e2e-user", "canbo.e2e", frozenset({"commune_officer"}), "00004")


def _database(url: str, table: str) -> Engine:
    metadata = MetaData()
    add_messaging_tables(metadata)
    Table(table, metadata, Column("id", Text, primary_key=True), Column("note", Text))
    engine = create_engine(url)
    metadata.create_all(engine)
    instrument_engine(engine)
    return engine


@pytest.fixture
def pg_kafka_redis() -> Servers:
    """PostgreSQL, Kafka and Redis (Keycloak is checked by the ``signed_in`` fixture)."""
    found = Servers.from_env()
    down = []
    for name in ("postgres", "kafka", "redis"):
        try:
            socket.create_connection(found.endpoints()[name], timeout=2).close()
        except OSError:
            down.append(name)
    if down:
        pytest.fail(f"{NOT_RUNNING} (unreachable: {', '.join(down)})", pytrace=False)
    return found


def _db_fixture(table: str) -> Callable[[Servers], Iterator[Engine]]:
    def fixture(pg_kafka_redis: Servers) -> Iterator[Engine]:
        url = create_database(pg_kafka_redis.pg_admin_url, f"e2e_trace_{table}")
        engine = _database(url, table)
        try:
            yield engine
        finally:
            engine.dispose()
            drop_database(pg_kafka_redis.pg_admin_url, url)

    return fixture


producer_db = pytest.fixture(_db_fixture("dossiers"), name="producer_db")
consumer_db = pytest.fixture(_db_fixture("effects"), name="consumer_db")


@pytest.fixture
def topic(pg_kafka_redis: Servers) -> Iterator[str]:
    name = create_topic(pg_kafka_redis.kafka_bootstrap, partitions=1, prefix="e2e.trace")
    yield name
    delete_topic(pg_kafka_redis.kafka_bootstrap, name)


class SubmitServicer:
    """Writes a dossier and its event (outbox) in one transaction; remembers the caller."""

    def __init__(self, engine: Engine, topic: str) -> None:
        self.sessions = sessionmaker(engine)
        self.topic = topic
        self.seen: list[Principal | None] = []

    def submit(self, request: bytes, context: grpc.ServicerContext) -> bytes:
        self.seen.append(current_principal())
        dossier_id = json.loads(request)["dossier_id"]
        with session_scope(self.sessions) as session:
            session.execute(
                text("INSERT INTO dossiers (id, note) VALUES (:id, 'submitted')"),
                {"id": dossier_id},
            )
            envelope = Envelope(
                source="/ansinh/e2e",
                type="ansinh.e2e.v1.DossierSubmitted",
                subject=dossier_id,
                province="79",
                data=dossier_id.encode(),
            )
            add_to_outbox(session, self.topic, dossier_id, envelope)
        return json.dumps({"event_id": str(envelope.id)}).encode()


def _add(servicer: SubmitServicer, server: grpc.Server) -> None:
    handler = grpc.method_handlers_generic_handler(
        SERVICE, {"Submit": grpc.unary_unary_rpc_method_handler(servicer.submit)}
    )
    server.add_generic_rpc_handlers((handler,))


def _gateway_app(grpc_port: int, officer: Principal) -> FastAPI:
    settings = GatewaySettings(
        environment="test",
        grpc_backends={"trace": f"127.0.0.1:{grpc_port}"},
        rate_limit_enabled=False,
    )
    app = create_app(settings)

    async def submit(request: Request) -> dict[str, Any]:
        channel: grpc.aio.Channel = request.app.state.gateway.backends.channel("trace")
        call = channel.unary_unary(METHOD)
        body = json.dumps({"dossier_id": f"d-{uuid.uuid4().hex[:8]}"}).encode()
        reply = await call(body, metadata=call_metadata(officer), timeout=5)
        result: dict[str, Any] = json.loads(reply)
        return result

    app.add_api_route("/e2e/trace", submit, methods=["POST"])
    return app


def _consume_one(consumer: InboxConsumer, timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if consumer.poll_once(0.5):
            return True
    return False


def _one(spans: list[ReadableSpan], kind: SpanKind, name: str) -> ReadableSpan:
    found = [s for s in spans if s.kind is kind and s.name == name]
    assert len(found) == 1, f"expected one {kind.name} span {name!r}, got {len(found)}"
    return found[0]


def _parent_of(span: ReadableSpan) -> int:
    assert span.parent is not None, f"{span.name} has no parent"
    return span.parent.span_id


def test_one_trace_from_gateway_to_consumer(
    pg_kafka_redis: Servers,
    producer_db: Engine,
    consumer_db: Engine,
    topic: str,
    signed_in: KeycloakTestUsers,
) -> None:
    servers = pg_kafka_redis
    officer = signed_in(OFFICER)  # a real user and token: the server verifies it
    exporter = in_memory_exporter("e2e")
    servicer = SubmitServicer(producer_db, topic)
    verifier = verifier_for(servers.keycloak_url, servers.redis_url)
    server, port = create_server([(_add, servicer)], 0, host="127.0.0.1", verifier=verifier)
    try:
        with TestClient(_gateway_app(port, officer)) as client:
            response = client.post("/e2e/trace")
        assert response.status_code == 200, response.text
    finally:
        server.stop(None)
    event_id = response.json()["event_id"]
    assert servicer.seen == [officer]

    relay = OutboxRelay(producer_db, lambda: create_idempotent_producer(servers.kafka_bootstrap))
    assert relay.relay_once() == 1

    applied: list[str] = []

    def handler(session: Session, envelope: Envelope) -> None:
        session.execute(
            text("INSERT INTO effects (id, note) VALUES (:id, 'applied')"), {"id": envelope.subject}
        )
        applied.append(str(envelope.id))

    effects = sessionmaker(consumer_db)
    consumer = InboxConsumer(
        bootstrap=servers.kafka_bootstrap,
        group_id=f"e2e-trace-{uuid.uuid4().hex[:8]}",
        topics=[topic],
        handler=handler,
        session_scope=lambda _envelope: session_scope(effects),
    )
    try:
        assert _consume_one(consumer), "the consumer received nothing"
    finally:
        consumer.close()
    assert applied == [event_id]

    spans = list(exporter.get_finished_spans())
    http = _one(spans, SpanKind.SERVER, "POST /e2e/trace")
    grpc_client = _one(spans, SpanKind.CLIENT, METHOD)
    grpc_server = _one(spans, SpanKind.SERVER, METHOD)
    publish = _one(spans, SpanKind.PRODUCER, f"publish {topic}")
    process = _one(spans, SpanKind.CONSUMER, f"process {topic}")

    assert _parent_of(grpc_client) == http.context.span_id
    assert _parent_of(grpc_server) == grpc_client.context.span_id
    assert _parent_of(publish) == grpc_server.context.span_id  # via the outbox's traceparent
    assert _parent_of(process) == publish.context.span_id  # via the Kafka header
    trace_id = http.context.trace_id
    for span in (grpc_client, grpc_server, publish, process):
        assert span.context.trace_id == trace_id

    def sql_under(parent: ReadableSpan) -> list[ReadableSpan]:
        return [
            s
            for s in spans
            if s.kind is SpanKind.CLIENT
            and s.attributes is not None
            and s.attributes.get("db.system") == "postgresql"
            and s.parent is not None
            and s.parent.span_id == parent.context.span_id
        ]

    assert any("INSERT INTO dossiers" in str(s.attributes) for s in sql_under(grpc_server))
    assert any("INSERT INTO effects" in str(s.attributes) for s in sql_under(process))
