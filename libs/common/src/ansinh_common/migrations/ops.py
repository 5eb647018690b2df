"""Alembic operations creating the outbox and inbox tables in a service's first migration."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from ansinh_common.messaging.tables import (
    INBOX,
    OUTBOX,
    OUTBOX_UNSENT_INDEX,
    UNSENT_WHERE,
    inbox_columns,
    outbox_columns,
)


def create_outbox_and_inbox_tables(op: Any) -> None:
    """``op``: the ``alembic.op`` module, inside ``upgrade()``."""
    op.create_table(OUTBOX, *outbox_columns())
    op.create_index(OUTBOX_UNSENT_INDEX, OUTBOX, ["id"], postgresql_where=text(UNSENT_WHERE))
    op.create_table(INBOX, *inbox_columns())


def drop_outbox_and_inbox_tables(op: Any) -> None:
    """``op``: the ``alembic.op`` module, inside ``downgrade()``."""
    op.drop_table(INBOX)
    op.drop_index(OUTBOX_UNSENT_INDEX, table_name=OUTBOX)
    op.drop_table(OUTBOX)
