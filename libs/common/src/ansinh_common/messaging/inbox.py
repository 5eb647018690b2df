"""Consumer inbox: the ids of the events a consumer has already applied."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from ansinh_common.messaging.envelope import Envelope
from ansinh_common.messaging.tables import messaging_tables


def record_in_inbox(
    session: Session, consumer: str, envelope: Envelope, topic: str, partition: int, offset: int
) -> bool:
    """Record the event as processed by ``consumer``; False if it was already recorded.

    Runs in the caller's transaction, the same one that applies the event's effect.
    """
    inbox = messaging_tables().inbox
    statement = (
        insert(inbox)
        .values(
            consumer=consumer,
            event_id=envelope.id,
            topic=topic,
            partition=partition,
            offset=offset,
            province=envelope.province,
        )
        .on_conflict_do_nothing()
        .returning(inbox.c.event_id)
    )
    return session.execute(statement).first() is not None


class InboxEntry(NamedTuple):
    """One consumed event and where it was read."""

    envelope: Envelope
    topic: str
    partition: int
    offset: int


def record_batch_in_inbox(
    session: Session, consumer: str, entries: Sequence[InboxEntry]
) -> set[uuid.UUID]:
    """Record a poll batch in one statement; the ids of the events not recorded before.

    An event already in the inbox, or repeated in the batch, is returned once at most (the
    caller applies only the first occurrence). Runs in the caller's transaction.
    """
    if not entries:
        return set()
    rows = [
        {
            "consumer": consumer,
            "event_id": e.envelope.id,
            "topic": e.topic,
            "partition": e.partition,
            "offset": e.offset,
            "province": e.envelope.province,
        }
        for e in entries
    ]
    return {row[0] for row in session.execute(_insert_returning_new(), rows)}


@functools.cache
def _insert_returning_new() -> Any:
    """Built once, so its compiled form is cached (executemany: SQLAlchemy's "insert many
    values" sends the rows in a few multi-row statements)."""
    inbox = messaging_tables().inbox
    return insert(inbox).on_conflict_do_nothing().returning(inbox.c.event_id)
