"""Bring the global index in line with a record's committed state (the worker's reconcile).

Run after the shard commit, for the record an event is about; idempotent. It heals what a
crash between the shard commit and the index update left behind: a release or relocation
not done, a claim not confirmed. A record that moved out is left to the saga (its entry is
relocated to the new record by the destination).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine, and_, func, not_, select, update

from ansinh_common.db import ShardRouter
from registry.adapters import records as store
from registry.adapters.global_index import relocate_now
from registry.adapters.orm import active_index
from registry.domain.model import BeneficiaryRecord
from registry.domain.status import RecordStatus
from registry.service_layer.global_index import IndexEntry

log = logging.getLogger(__name__)


def index_key(record: BeneficiaryRecord) -> tuple[str, str] | None:
    state = record.state
    if not state.active or not state.person.personal_id:
        return None
    return (state.person.personal_id, state.category.code)


def plan_sync(record: BeneficiaryRecord) -> Callable[[Engine], None] | None:
    """What to do on the index for ``record`` (read now, run after the commit)."""
    if record.state.status is RecordStatus.MOVED_OUT:
        return None
    key = index_key(record)
    origin = store.moved_in_from(record)
    record_id, province = record.record_id, record.province_code

    def run(engine: Engine) -> None:
        sync_entry(engine, record_id, province, key, origin)

    return run


def sync_entry(
    engine: Engine,
    record_id: str,
    province_code: str,
    key: tuple[str, str] | None,
    origin_record_id: str | None = None,
) -> None:
    ai = active_index
    stale = ai.c.record_id == record_id
    if key is not None:
        stale = and_(stale, not_(and_(ai.c.personal_id == key[0], ai.c.category_code == key[1])))
    with engine.begin() as conn:
        conn.execute(
            update(ai).where(stale, ai.c.active).values(active=False, updated_at=func.now())
        )
    if key is not None:
        entry = IndexEntry(key[0], key[1], province_code, record_id)
        relocate_now(engine, entry, origin_record_id or record_id)


def reconcile_unconfirmed(
    router: ShardRouter, *, older_than: timedelta = timedelta(minutes=5), shard: str | None = None
) -> int:
    """Confirm or withdraw claims left unconfirmed (a process died between the two commits):
    confirmed if the record is committed and active with that key, else deactivated. Returns
    how many rows were settled."""
    ai = active_index
    engine = router.global_engine()
    provinces = set(router.provinces(shard)) if shard else None
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                ai.c.id, ai.c.personal_id, ai.c.category_code, ai.c.province_code, ai.c.record_id
            )
            .where(ai.c.active, ~ai.c.confirmed, ai.c.claimed_at < func.now() - older_than)
            .order_by(ai.c.id)
        ).all()
    settled = 0
    for row_id, pid, category, province, record_id in rows:
        if provinces is not None and province not in provinces:
            continue
        with router.session(province) as session:
            record = store.load_records(session, [record_id]).get(record_id)
        holds = record is not None and index_key(record) == (pid, category)
        with engine.begin() as conn:
            conn.execute(
                update(ai)
                .where(ai.c.id == row_id, ai.c.active, ~ai.c.confirmed)
                .values(
                    **({"confirmed": True} if holds else {"active": False}), updated_at=func.now()
                )
            )
        log.info(
            "index: unconfirmed claim %s of %s %s",
            row_id,
            record_id,
            "confirmed" if holds else "withdrawn",
        )
        settled += 1
    return settled
