"""Table definitions of the transactional outbox and the consumer inbox.

Each service adds them to its own metadata (``add_messaging_tables``) and creates them in its
first migration (``ansinh_common.migrations.create_outbox_and_inbox_tables``), in every shard
and in the global database.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Uuid,
    func,
    text,
)

OUTBOX = "outbox"
INBOX = "inbox"
OUTBOX_UNSENT_INDEX = "ix_outbox_unsent"
UNSENT_WHERE = "sent_at IS NULL"


class MessagingTables(NamedTuple):
    outbox: Table
    inbox: Table


def outbox_columns() -> list[Column[Any]]:
    """Fresh column objects of the outbox (rows in commit order by ``id``)."""
    return [
        Column("id", BigInteger, Identity(always=True), primary_key=True),
        Column("event_id", Uuid, nullable=False, unique=True),
        Column("topic", Text, nullable=False),
        Column("key", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("province", Text, nullable=False),
        Column("time", DateTime(timezone=True), nullable=False),
        Column("datacontenttype", Text, nullable=False),
        Column("dataschema", Text, nullable=True),
        Column("payload", LargeBinary, nullable=False),
        Column("traceparent", Text, nullable=True),
        Column("tracestate", Text, nullable=True),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("sent_at", DateTime(timezone=True), nullable=True),
    ]


def inbox_columns() -> list[Column[Any]]:
    """Fresh column objects of the inbox (one row per consumer and processed event)."""
    return [
        Column("consumer", Text, primary_key=True),
        Column("event_id", Uuid, primary_key=True),
        Column("topic", Text, nullable=False),
        Column("partition", Integer, nullable=False),
        Column("offset", BigInteger, nullable=False),
        Column("province", Text, nullable=True),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ]


def add_messaging_tables(metadata: MetaData) -> MessagingTables:
    """Add the ``outbox`` and ``inbox`` tables to ``metadata`` and return them."""
    outbox = Table(OUTBOX, metadata, *outbox_columns())
    Index(OUTBOX_UNSENT_INDEX, outbox.c.id, postgresql_where=text(UNSENT_WHERE))
    inbox = Table(INBOX, metadata, *inbox_columns())
    return MessagingTables(outbox=outbox, inbox=inbox)


@functools.cache
def messaging_tables() -> MessagingTables:
    """The tables on a private metadata, for the library's own queries (built on first use)."""
    return add_messaging_tables(MetaData())
