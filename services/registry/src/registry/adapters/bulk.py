"""Insert many rows fast: PostgreSQL ``COPY … FROM STDIN`` in the session's transaction.

Used for the large batches of a file import (records, history, outbox); a handful of rows
go through an ordinary executemany. Same transaction either way: a rollback undoes both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import Table, insert
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

COPY_THRESHOLD = 50


def bulk_insert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``."""
    if not rows:
        return
    if len(rows) < COPY_THRESHOLD:
        session.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSONB)}
    names = ", ".join(f'"{c}"' for c in columns)
    raw = session.connection().connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(
                [
                    Jsonb(row[c]) if c in json_columns and row[c] is not None else row[c]
                    for c in columns
                ]
            )
