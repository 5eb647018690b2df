"""The national index of active records in ``registry_global`` (two databases, no 2PC).

How it stays in step with the shards (the shard commit is the truth):

* **claim before, confirm after**: a claim is written at once (or, for a file import, all of
  the file's claims in one transaction) as an *unconfirmed* active row, before the shard
  commits. The unique partial index on (personal ID, category) WHERE active refuses a second
  active record even when two provinces register the same person at the same moment. After
  the shard commits, the claims are confirmed; if the shard rolls back, they are deactivated.
* **release and relocate after**: a record that stops being active (death, stop, a changed
  category or ID number) or that moved is updated in the index only after the shard commit,
  so the index never says "free" while a shard still holds an active record.
* **reconcile**: a crash between the two commits leaves an unconfirmed claim (removed or
  confirmed by :func:`reconcile_unconfirmed`, which looks the record up in its shard) or a
  late release/relocation (done by the worker on the record's next event,
  ``entrypoints.worker``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    Table,
    Text,
    Update,
    and_,
    bindparam,
    false,
    func,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.exc import IntegrityError

from registry.adapters.orm import active_index
from registry.adapters.sql import among
from registry.domain.errors import DuplicateActiveRecord
from registry.service_layer.global_index import GlobalIndex, IndexEntry

log = logging.getLogger(__name__)

Key = tuple[str, str]  # (personal ID, category code)
_MISSING = object()


@dataclass
class _Staged:
    """Staged changes; claims and relocations by personal ID, then category (fast ``find``)."""

    claims: dict[str, dict[str, IndexEntry]] = field(default_factory=dict)
    releases: dict[tuple[str, str, str], None] = field(default_factory=dict)  # pid, cat, id
    relocations: dict[str, dict[str, tuple[IndexEntry, str]]] = field(default_factory=dict)
    unwritten: list[Key] = field(default_factory=list)  # claimed since the last write


class SqlGlobalIndex(GlobalIndex):
    """The index seen by one unit of work: the database plus this unit's staged changes.

    ``immediate``: write each claim at once (use cases, saga steps); otherwise call
    :meth:`write_claims` before the shard commit (file imports: one transaction for all).
    """

    def __init__(self, engine: Engine, *, immediate: bool = True) -> None:
        self._engine = engine
        self._immediate = immediate
        self._staged = _Staged()
        self._cache: dict[str, list[IndexEntry]] = {}
        self._written: set[Key] = set()
        self._pending_ids: list[int] = []  # rows this unit activated, unconfirmed
        self._early_releases: list[tuple[str, str, str]] = []
        self._journal: list[tuple[dict[Any, Any], Any, Any]] = []  # (dict, key, old value)

    # -- row-level undo (file imports) ----------------------------------------------------
    def mark(self) -> int:
        """A point to come back to with :meth:`undo_to` (staged changes only)."""
        return len(self._journal)

    def undo_to(self, mark: int) -> None:
        while len(self._journal) > mark:
            target, key, old = self._journal.pop()
            if old is _MISSING:
                target.pop(key, None)
            else:
                target[key] = old

    def forget_marks(self) -> None:
        self._journal.clear()

    def _put(self, target: dict[Any, Any], key: Any, value: Any) -> None:
        self._journal.append((target, key, target.get(key, _MISSING)))
        target[key] = value

    def _pop(self, target: dict[Any, Any], key: Any) -> None:
        if key in target:
            self._journal.append((target, key, target[key]))
            del target[key]

    # -- reading --------------------------------------------------------------------------
    def prefetch(self, personal_ids: Iterable[str]) -> None:
        """Read the active entries of many persons in one query (file imports)."""
        wanted = sorted({p for p in personal_ids if p not in self._cache})
        if not wanted:
            return
        found: dict[str, list[IndexEntry]] = {p: [] for p in wanted}
        for entry in self._query(among(active_index.c.personal_id, wanted)):
            found[entry.personal_id].append(entry)
        self._cache.update(found)

    def _stored(self, personal_id: str) -> list[IndexEntry]:
        if personal_id not in self._cache:
            self._cache[personal_id] = self._query(active_index.c.personal_id == personal_id)
        return self._cache[personal_id]

    def _query(self, condition: object) -> list[IndexEntry]:
        ai = active_index
        query = select(ai.c.personal_id, ai.c.category_code, ai.c.province_code, ai.c.record_id)
        with self._engine.connect() as conn:
            rows = conn.execute(query.where(ai.c.active, condition)).all()  # type: ignore[arg-type]
        return [IndexEntry(*row) for row in rows]

    def find(self, personal_id: str) -> list[IndexEntry]:
        entries: dict[Key, IndexEntry] = {}
        for e in self._stored(personal_id):
            if (e.personal_id, e.category_code, e.record_id) not in self._staged.releases:
                entries[(e.personal_id, e.category_code)] = e
        for category, (entry, _) in self._staged.relocations.get(personal_id, {}).items():
            entries[(personal_id, category)] = entry
        for category, entry in self._staged.claims.get(personal_id, {}).items():
            entries[(personal_id, category)] = entry
        return list(entries.values())

    def _holder(self, key: Key) -> IndexEntry | None:
        return next((e for e in self.find(key[0]) if e.category_code == key[1]), None)

    # -- staging --------------------------------------------------------------------------
    def claim(self, entry: IndexEntry) -> None:
        key = (entry.personal_id, entry.category_code)
        held = self._holder(key)
        if held is not None and held.record_id != entry.record_id:
            raise DuplicateActiveRecord(entry.category_code, held.province_code, held.record_id)
        self._put(self._staged.claims.setdefault(key[0], {}), key[1], entry)
        self._pop(self._staged.releases, (*key, entry.record_id))
        self._staged.unwritten.append(key)
        if self._immediate:
            self.write_claims()

    def release(self, personal_id: str, category_code: str, record_id: str) -> None:
        claims = self._staged.claims.get(personal_id, {})
        claimed = claims.get(category_code)
        if claimed is not None and claimed.record_id == record_id:
            self._pop(claims, category_code)
        self._put(self._staged.releases, (personal_id, category_code, record_id), None)

    def relocate(self, entry: IndexEntry, from_record_id: str) -> None:
        key = (entry.personal_id, entry.category_code)
        held = self._holder(key)
        if held is not None and held.record_id not in {from_record_id, entry.record_id}:
            raise DuplicateActiveRecord(entry.category_code, held.province_code, held.record_id)
        relocations = self._staged.relocations.setdefault(key[0], {})
        self._put(relocations, key[1], (entry, from_record_id))

    # -- writing --------------------------------------------------------------------------
    def write_claims(self) -> None:
        """Write the staged claims as unconfirmed active rows, in one transaction.

        Raises :class:`DuplicateActiveRecord` if another record holds one of the keys.
        """
        todo_by_key: dict[Key, IndexEntry] = {}
        for pid, category in self._staged.unwritten:
            entry = self._staged.claims.get(pid, {}).get(category)
            if entry is not None and (pid, category) not in self._written:
                todo_by_key[(pid, category)] = entry
        self._staged.unwritten.clear()
        todo = list(todo_by_key.values())
        if not todo:
            return
        keys = {(e.personal_id, e.category_code) for e in todo}
        early = [r for r in self._staged.releases if (r[0], r[1]) in keys]
        try:
            with self._engine.begin() as conn:
                if early:
                    conn.execute(_release_stmt(), [_release_params(r) for r in early])
                returned = _upsert_claims(conn, todo)
        except IntegrityError:
            raise self._duplicate(todo) from None
        self._early_releases.extend(early)
        for r in early:
            self._staged.releases.pop(r, None)
        self._pending_ids.extend(row_id for row_id, confirmed in returned if not confirmed)
        self._written |= keys

    def _duplicate(self, entries: list[IndexEntry]) -> DuplicateActiveRecord:
        ai = active_index
        keys = [(e.personal_id, e.category_code) for e in entries]
        query = select(ai.c.personal_id, ai.c.category_code, ai.c.province_code, ai.c.record_id)
        with self._engine.connect() as conn:
            held = conn.execute(
                query.where(ai.c.active, among(ai.c.personal_id, {k[0] for k in keys}))
            ).all()
        mine = {(e.personal_id, e.category_code): e.record_id for e in entries}
        for pid, cat, province, record_id in held:
            if (pid, cat) in mine and mine[(pid, cat)] != record_id:
                return DuplicateActiveRecord(cat, province, record_id)
        return DuplicateActiveRecord(entries[0].category_code, "?", "?")

    def finish(self) -> None:
        """After the shard committed: confirm claims, apply releases and relocations.

        Never raises: the shard's commit stands; what fails here is settled later by the
        reconcile (unconfirmed claims) and by the worker's sync on the record's events."""
        try:
            self._finish()
        except Exception:
            log.exception("index: could not settle after the shard commit (reconcile will)")
            self._reset()

    def _finish(self) -> None:
        releases = list(self._staged.releases)
        relocations = [v for by_cat in self._staged.relocations.values() for v in by_cat.values()]
        if not (self._pending_ids or releases or relocations):
            return
        ai = active_index
        with self._engine.begin() as conn:
            if self._pending_ids:
                conn.execute(
                    update(ai)
                    .where(among(ai.c.id, self._pending_ids))
                    .values(confirmed=True, updated_at=func.now())
                )
            if releases:
                conn.execute(_release_stmt(), [_release_params(r) for r in releases])
        for entry, from_record_id in relocations:
            relocate_now(self._engine, entry, from_record_id)
        self._reset()

    def abort(self) -> None:
        """The shard rolled back: deactivate what this unit claimed and undo early releases.

        Never raises (it runs while another error is on its way); unconfirmed claims left
        behind are withdrawn by the reconcile."""
        try:
            self._abort()
        except Exception:
            log.exception("index: could not withdraw claims after a rollback (reconcile will)")
            self._reset()

    def _abort(self) -> None:
        ai = active_index
        if self._pending_ids or self._early_releases:
            with self._engine.begin() as conn:
                if self._pending_ids:
                    conn.execute(
                        update(ai)
                        .where(among(ai.c.id, self._pending_ids), ~ai.c.confirmed)
                        .values(active=False, updated_at=func.now())
                    )
                for pid, cat, record_id in self._early_releases:
                    conn.execute(
                        update(ai)
                        .where(
                            ai.c.personal_id == pid,
                            ai.c.category_code == cat,
                            ai.c.record_id == record_id,
                        )
                        .values(active=True, updated_at=func.now())
                    )
        self._reset()

    def _reset(self) -> None:
        self._staged = _Staged()
        self._journal.clear()
        self._written.clear()
        self._pending_ids.clear()
        self._early_releases.clear()
        self._cache.clear()


COPY_THRESHOLD = 50  # claims from which a batch goes through COPY and one INSERT … SELECT
_CLAIM_COLUMNS = ("personal_id", "category_code", "province_code", "record_id")


def _upsert_claims(conn: Connection, entries: list[IndexEntry]) -> list[tuple[int, bool]]:
    """Insert the claims as active unconfirmed rows (re-activating a record's own row); returns
    (row id, confirmed) of each. Refused by the unique index with ``IntegrityError``.

    Many claims (a file import's batch) are copied into a temporary table and upserted by one
    ``INSERT … SELECT``; a few go through an executemany of the same upsert."""
    ai = active_index
    if len(entries) >= COPY_THRESHOLD and conn.dialect.driver == "psycopg":
        staged = Table(
            "claims_in", MetaData(), *(Column(c, Text) for c in _CLAIM_COLUMNS),
            prefixes=["TEMPORARY"], postgresql_on_commit="DROP",
        )  # fmt: skip
        staged.create(conn)
        raw = conn.connection.driver_connection
        assert raw is not None
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY claims_in ({', '.join(_CLAIM_COLUMNS)}) FROM STDIN") as copy,
        ):
            for e in entries:
                copy.write_row((e.personal_id, e.category_code, e.province_code, e.record_id))
        source = select(*staged.c, true(), false())
        base = insert(ai).from_select([*_CLAIM_COLUMNS, "active", "confirmed"], source)
        stmt = _on_conflict(base).returning(ai.c.id, ai.c.confirmed)
        return [(row_id, confirmed) for row_id, confirmed in conn.execute(stmt).all()]
    values = [{**_entry_dict(e), "active": True, "confirmed": False} for e in entries]
    stmt = _on_conflict(insert(ai)).returning(ai.c.id, ai.c.confirmed)
    return [(row_id, confirmed) for row_id, confirmed in conn.execute(stmt, values).all()]


def _on_conflict(base: Insert) -> Insert:
    """The record's own row for the key exists (an earlier claim): make it active again; it
    stays confirmed only if it was active and confirmed."""
    ai = active_index
    return base.on_conflict_do_update(
        index_elements=[ai.c.record_id, ai.c.personal_id, ai.c.category_code],
        set_={
            "active": True,
            "confirmed": and_(ai.c.active, ai.c.confirmed),
            "province_code": base.excluded.province_code,
            "updated_at": func.now(),
        },
    )


def _entry_dict(entry: IndexEntry) -> dict[str, str]:
    return {
        "personal_id": entry.personal_id,
        "category_code": entry.category_code,
        "province_code": entry.province_code,
        "record_id": entry.record_id,
    }


def _release_stmt() -> Update:
    ai = active_index
    return (
        update(ai)
        .where(
            ai.c.personal_id == bindparam("b_pid"),
            ai.c.category_code == bindparam("b_cat"),
            ai.c.record_id == bindparam("b_rid"),
            ai.c.active,
        )
        .values(active=False, updated_at=func.now())
    )


def _release_params(r: tuple[str, str, str]) -> dict[str, str]:
    return {"b_pid": r[0], "b_cat": r[1], "b_rid": r[2]}


def relocate_now(engine: Engine, entry: IndexEntry, from_record_id: str) -> bool:
    """Point (personal ID, category) at ``entry``'s record; idempotent. False (logged) if a
    third record holds the key."""
    ai = active_index
    key = and_(ai.c.personal_id == entry.personal_id, ai.c.category_code == entry.category_code)
    with engine.begin() as conn:
        held = conn.execute(
            select(ai.c.id, ai.c.record_id).where(key, ai.c.active).with_for_update()
        ).first()
        if held is not None and held.record_id not in {from_record_id, entry.record_id}:
            log.error(
                "index: %s/%s held by %s, cannot move it to %s",
                entry.personal_id, entry.category_code, held.record_id, entry.record_id,
            )  # fmt: skip
            return False
        if held is not None and held.record_id == entry.record_id:
            conn.execute(update(ai).where(ai.c.id == held.id).values(confirmed=True))
            return True
        if held is not None:
            conn.execute(update(ai).where(ai.c.id == held.id).values(active=False))
        conn.execute(
            insert(ai)
            .values(**_entry_dict(entry), active=True, confirmed=True)
            .on_conflict_do_update(
                index_elements=[ai.c.record_id, ai.c.personal_id, ai.c.category_code],
                set_={"active": True, "confirmed": True, "province_code": entry.province_code},
            )
        )
    return True
