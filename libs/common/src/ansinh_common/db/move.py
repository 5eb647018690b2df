"""Moving one province to another shard: copy its rows, then change the map.

See docs/adr/0003-sharding-and-events.md for the whole procedure (freeze writes for the
province, drain its outbox, copy, switch the map, purge the old copy).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Column, Connection, Table, delete, func, insert, select

from ansinh_common.db.errors import ShardRoutingError
from ansinh_common.db.router import ShardRouter
from ansinh_common.messaging.tables import messaging_tables

PROVINCE_COLUMN = "province"
BATCH_ROWS = 1000


class ProvinceMoveError(ShardRoutingError):
    """The move cannot start or did not copy every row."""


def _province_column(table: Table) -> Column[object]:
    if PROVINCE_COLUMN not in table.c:
        raise ProvinceMoveError(f"table {table.name!r} has no {PROVINCE_COLUMN!r} column")
    column: Column[object] = table.c[PROVINCE_COLUMN]
    return column


def _count(conn: Connection, table: Table, province: str) -> int:
    query = select(func.count()).select_from(table).where(_province_column(table) == province)
    return int(conn.execute(query).scalar_one())


def _copy_table(src: Connection, dst: Connection, table: Table, province: str) -> None:
    if _count(dst, table, province):
        raise ProvinceMoveError(f"{table.name!r} on the new shard already has rows of {province}")
    query = select(table).where(_province_column(table) == province)
    result = src.execution_options(yield_per=BATCH_ROWS).execute(query)
    for rows in result.mappings().partitions():
        dst.execute(insert(table), [dict(row) for row in rows])
    if _count(dst, table, province) != _count(src, table, province):
        raise ProvinceMoveError(f"row counts of {table.name!r} differ after the copy")


def move_province(
    router: ShardRouter,
    new_shard: str,
    province: str,
    tables: Sequence[Table],
    *,
    new_url: str | None = None,
    include_inbox: bool = True,
) -> ShardRouter:
    """Copy ``province``'s rows of ``tables`` (parents first) to ``new_shard`` in one
    transaction from one snapshot, and return the router to switch to. The old shard keeps
    its copy until ``purge_province``. Writes for the province must be frozen meanwhile."""
    old_shard = router.shard_for(province)
    if old_shard == new_shard:
        raise ProvinceMoveError(f"province {province} is already on shard {new_shard}")
    moved = router.with_province_moved(province, new_shard, new_url)
    outbox = messaging_tables().outbox
    all_tables = [*tables, messaging_tables().inbox] if include_inbox else list(tables)
    source = router.engine(old_shard).execution_options(isolation_level="REPEATABLE READ")
    with source.connect() as src, moved.engine(new_shard).begin() as dst:
        unsent = outbox.c.sent_at.is_(None) & (outbox.c.province == province)
        if src.execute(select(func.count()).where(unsent)).scalar_one():
            raise ProvinceMoveError(f"the outbox of {old_shard} still has unsent events")
        for table in all_tables:
            _copy_table(src, dst, table, province)
    return moved


def purge_province(
    router: ShardRouter,
    shard: str,
    province: str,
    tables: Sequence[Table],
    *,
    include_inbox: bool = True,
) -> None:
    """Delete ``province``'s rows from ``shard`` (children first), after the cut-over."""
    if router.shard_for(province) == shard:
        raise ProvinceMoveError(f"province {province} is still routed to {shard}")
    all_tables = [*tables, messaging_tables().inbox] if include_inbox else list(tables)
    with router.engine(shard).begin() as conn:
        for table in reversed(all_tables):
            conn.execute(delete(table).where(_province_column(table) == province))
