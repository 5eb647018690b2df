"""Read side over the derived tables of one shard: search and the list of changes.

Keyset paging (the token is the sort key of the last row, base64 JSON): stable under
concurrent inserts and cheap on deep pages. Access is checked by the caller
(``service_layer.queries``), which also fixes the unit the query is limited to;
:class:`SqlRecordReads` is the ``RecordReads`` port over the shard router.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, tuple_
from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter
from ansinh_common.errors import InvalidInput
from ansinh_common.messaging.tables import messaging_tables
from registry.adapters.global_index import SqlGlobalIndex
from registry.adapters.orm import (
    beneficiary_records,
    data_quality_findings,
    persons,
    record_changes,
)
from registry.adapters.records import fold_name, load_records
from registry.domain.payment_profile import payment_profile_of
from registry.service_layer.ports import (
    ChangeFilter,
    Page,
    PaymentSnapshot,
    ProfiledRecord,
    SearchFilter,
)

__all__ = ["SqlRecordReads", "decode_token", "encode_token", "list_changes", "search"]


class SqlRecordReads:
    """``RecordReads`` over the shard router: one shard session per query."""

    def __init__(self, router: ShardRouter) -> None:
        self._router = router

    def search(self, f: SearchFilter, size: int, token: str) -> Page:
        with self._router.session(f.province_code) as session:
            return search(session, f, size, token)

    def list_changes(self, f: ChangeFilter, size: int, token: str) -> Page:
        with self._router.session(f.province_code) as session:
            return list_changes(session, f, size, token)

    def province_of_person(self, personal_id: str) -> str | None:
        entries = SqlGlobalIndex(self._router.global_engine()).find(personal_id)
        return entries[0].province_code if entries else None

    def count_by_status(self, province_code: str) -> tuple[str, dict[str, int]]:
        shard = self._router.shard_for(province_code)
        t = beneficiary_records
        stmt = (
            select(t.c.status, func.count())
            .where(t.c.province == province_code)
            .group_by(t.c.status)
        )
        with self._router.session(province_code) as session:
            return shard, {str(s): int(n) for s, n in session.execute(stmt)}

    def payment_snapshot(self, province_code: str, batch_size: int) -> Iterator[PaymentSnapshot]:
        shard = self._router.shard_for(province_code)
        t, outbox = beneficiary_records, messaging_tables().outbox
        with self._router.session(province_code) as session:
            # one snapshot for the position and every batch (PostgreSQL: the first statement)
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            position, taken_at = session.execute(
                select(func.coalesce(func.max(outbox.c.id), 0), func.now())
            ).one()
            ids = (
                session.execute(
                    select(t.c.record_id)
                    .where(t.c.province == province_code)
                    .order_by(t.c.record_id)
                )
                .scalars()
                .all()
            )
            if not ids:
                yield PaymentSnapshot(shard, int(position), taken_at, ())
            for start in range(0, len(ids), batch_size):
                loaded = load_records(session, ids[start : start + batch_size])
                records = tuple(
                    ProfiledRecord(
                        r.record_id, r.province_code, r.version,
                        payment_profile_of(r.state, r.history),
                    )
                    for r in (loaded[i] for i in ids[start : start + batch_size])
                )  # fmt: skip
                yield PaymentSnapshot(shard, int(position), taken_at, records)


def encode_token(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values), default=str).encode()).decode()


def decode_token(token: str, size: int) -> list[Any] | None:
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError) as exc:
        raise InvalidInput("Mã trang (page_token) không hợp lệ.") from exc
    if not isinstance(values, list) or len(values) != size:
        raise InvalidInput("Mã trang (page_token) không hợp lệ.")
    return values


def search(session: Session, f: SearchFilter, size: int, token: str) -> Page:
    p, r = persons, beneficiary_records
    conditions: list[ColumnElement[bool]] = [p.c.province == f.province_code]
    if f.commune_code:
        conditions.append(p.c.commune_code == f.commune_code)
    if f.name:
        conditions.append(p.c.name_folded.contains(fold_name(f.name), autoescape=True))
    if f.personal_id:
        conditions.append(p.c.personal_id == f.personal_id)
    if f.category_code:
        conditions.append(r.c.category_code == f.category_code)
    if f.status:
        conditions.append(r.c.status == f.status)
    if f.with_findings:
        found = data_quality_findings.c.record_id == p.c.record_id
        conditions.append(exists().where(found))
    joined = p.join(r, r.c.record_id == p.c.record_id)
    total = session.scalar(select(func.count()).select_from(joined).where(*conditions)) or 0
    after = decode_token(token, 2)
    query = select(p, r).select_from(joined).where(*conditions)
    if after is not None:
        query = query.where(tuple_(p.c.name_folded, p.c.record_id) > tuple_(*after))
    rows = list(
        session.execute(query.order_by(p.c.name_folded, p.c.record_id).limit(size + 1)).mappings()
    )
    more = len(rows) > size
    rows = rows[:size]
    next_token = encode_token([rows[-1]["name_folded"], rows[-1]["record_id"]]) if more else ""
    return Page(rows, next_token, int(total))


def list_changes(session: Session, f: ChangeFilter, size: int, token: str) -> Page:
    c, p = record_changes, persons
    conditions: list[ColumnElement[bool]] = [c.c.province == f.province_code]
    if f.commune_code:
        conditions.append(p.c.commune_code == f.commune_code)
    if f.kinds:
        conditions.append(c.c.kind.in_(f.kinds))
    if f.effective_from:
        conditions.append(c.c.effective_on >= f.effective_from)
    if f.effective_to:
        conditions.append(c.c.effective_on <= f.effective_to)
    joined = c.join(p, p.c.record_id == c.c.record_id)
    total = session.scalar(select(func.count()).select_from(joined).where(*conditions)) or 0
    after = decode_token(token, 3)
    query = select(c, p.c.full_name, p.c.commune_code).select_from(joined).where(*conditions)
    if after is not None:
        at, record_id, seq = after
        query = query.where(
            or_(
                c.c.recorded_at < at,
                and_(c.c.recorded_at == at, tuple_(c.c.record_id, c.c.seq) > (record_id, seq)),
            )
        )
    order = (c.c.recorded_at.desc(), c.c.record_id, c.c.seq)
    rows = list(session.execute(query.order_by(*order).limit(size + 1)).mappings())
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if rows else None
    next_token = (
        encode_token([last["recorded_at"].isoformat(), last["record_id"], last["seq"]])
        if more and last is not None
        else ""
    )
    return Page(rows, next_token, int(total))
