"""Consumer inbox: the ids of the events a consumer has already applied."""

from __future__ import annotations

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
