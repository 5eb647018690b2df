"""Shared steps of the messaging integration tests."""

import time
import uuid
from collections.abc import Callable

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from ansinh_common.db import session_scope
from ansinh_common.messaging import Envelope, InboxConsumer, RetryPolicy, add_to_outbox


def submit_dossiers(engine: Engine, topic: str, count: int, province: str = "79") -> list[Envelope]:
    """One transaction: ``count`` state changes, each with its event in the outbox."""
    envelopes = []
    with session_scope(sessionmaker(engine)) as session:
        for i in range(count):
            dossier_id = f"d-{uuid.uuid4().hex[:8]}-{i}"
            session.execute(
                text("INSERT INTO dossiers (id, status) VALUES (:id, 'submitted')"),
                {"id": dossier_id},
            )
            envelope = Envelope(
                source="/ansinh/test",
                type="ansinh.test.v1.DossierSubmitted",
                subject=dossier_id,
                province=province,
                data=f"payload-{i}".encode(),
            )
            add_to_outbox(session, topic, dossier_id, envelope)
            envelopes.append(envelope)
    return envelopes


def record_effect(session: Session, envelope: Envelope) -> None:
    session.execute(
        text("INSERT INTO effects (event_id, subject) VALUES (:e, :s)"),
        {"e": envelope.id, "s": envelope.subject},
    )


def effects(engine: Engine) -> list[tuple[uuid.UUID, str]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT event_id, subject FROM effects ORDER BY n")).all()
    return [(row[0], row[1]) for row in rows]


def count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def inbox_consumer(
    bootstrap: str,
    topic: str,
    engine: Engine,
    handler: Callable[[Session, Envelope], None] = record_effect,
    retry: RetryPolicy | None = None,
) -> InboxConsumer:
    factory = sessionmaker(engine)
    return InboxConsumer(
        bootstrap=bootstrap,
        group_id=f"test-{uuid.uuid4().hex[:8]}",
        topics=[topic],
        handler=handler,
        session_scope=lambda _envelope: session_scope(factory),
        retry=retry,
    )


def consume(consumer: InboxConsumer, messages: int, timeout_s: float = 20.0) -> int:
    """Poll until ``messages`` messages were processed (or the timeout); return how many
    (more when the last poll batch held more)."""
    seen = 0
    deadline = time.monotonic() + timeout_s
    while seen < messages and time.monotonic() < deadline:
        seen += consumer.poll_once(0.5)
    return seen
