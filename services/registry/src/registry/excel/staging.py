"""The unit of work a file import gives the use cases: one shard transaction for the file.

Every row runs through the ordinary command handlers (same checks, same events) against a
:class:`RowUnitOfWork`. Its ``commit`` only stages the row (its records and events join the
current batch); a row that fails is undone in memory (records restored, staged index changes
reverted) and becomes an error of that row. :meth:`FileStaging.flush` writes a batch inside
the file's one open transaction, which the importer commits — or rolls back — at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from registry.adapters import records as store
from registry.adapters.global_index import SqlGlobalIndex
from registry.adapters.outbox import write_outbox
from registry.domain.changes import AnyChange
from registry.domain.events import Event
from registry.domain.model import BeneficiaryRecord
from registry.domain.move import MoveProgress
from registry.service_layer.repository import BeneficiaryRepository
from registry.service_layer.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True, slots=True)
class _Snapshot:
    province_code: str
    history: tuple[AnyChange, ...]
    version: int
    move: MoveProgress | None


class FileStaging:
    """The file's state between the database (one open transaction) and the rows."""

    def __init__(self, session: Session, index: SqlGlobalIndex, topic: str) -> None:
        self.session = session
        self.index = index
        self.topic = topic
        self.cache: dict[str, BeneficiaryRecord] = {}
        self.missing: set[str] = set()
        self.person_ids: dict[str, list[str]] = {}
        self.loaded: dict[str, store.Loaded] = {}
        self.dirty: dict[str, BeneficiaryRecord] = {}
        self.events: list[Event] = []
        self.created = 0
        self.changed = 0

    # -- reading --------------------------------------------------------------------------
    def prefetch(self, record_ids: Iterable[str], personal_ids: Iterable[str]) -> None:
        """Load, in a few queries, what the next rows will ask for."""
        pids = sorted({p for p in personal_ids if p and p not in self.person_ids})
        found = store.ids_of_persons(self.session, pids)
        self.person_ids.update(found)
        wanted = {r for r in record_ids if r not in self.cache and r not in self.missing}
        wanted |= {r for ids in found.values() for r in ids if r not in self.cache}
        self._load(wanted)
        self.index.prefetch(pids)

    def _load(self, record_ids: Iterable[str]) -> None:
        ids = set(record_ids)
        if not ids:
            return
        loaded = store.load_records(self.session, ids)
        for record_id, record in loaded.items():
            self.cache[record_id] = record
            self.loaded.setdefault(record_id, store.Loaded(len(record.history), record.version))
        self.missing |= ids - loaded.keys()

    def get(self, record_id: str) -> BeneficiaryRecord | None:
        if record_id not in self.cache and record_id not in self.missing:
            self._load([record_id])
        return self.cache.get(record_id)

    def for_person(self, personal_id: str) -> list[BeneficiaryRecord]:
        if personal_id not in self.person_ids:
            self.prefetch((), [personal_id])
        ids = set(self.person_ids.get(personal_id, ()))  # stage() adds new records here
        records = (self.get(i) for i in sorted(ids))
        return [r for r in records if r is not None and r.personal_id == personal_id]

    def by_move_in(self, move_id: str) -> BeneficiaryRecord | None:
        record_id = store.id_of_move_in(self.session, move_id)
        return None if record_id is None else self.get(record_id)

    # -- rows -----------------------------------------------------------------------------
    def snapshot(self, record: BeneficiaryRecord) -> _Snapshot:
        return _Snapshot(record.province_code, record.history, record.version, record.move)

    def restore(self, record_id: str, snap: _Snapshot | None) -> None:
        """Put a record back as it was before the failed row (``None``: it was new)."""
        if snap is None:
            self.cache.pop(record_id, None)
            self.missing.add(record_id)
            return
        restored = BeneficiaryRecord(
            record_id, snap.province_code, snap.history, version=snap.version, move=snap.move
        )
        self.cache[record_id] = restored
        if record_id in self.dirty:  # staged by an earlier row of this batch
            self.dirty[record_id] = restored

    def stage(self, records: Sequence[BeneficiaryRecord], events: Sequence[Event]) -> None:
        for record in records:
            self.cache[record.record_id] = record
            self.missing.discard(record.record_id)
            self.dirty[record.record_id] = record
            pid = record.personal_id
            if pid is not None and record.record_id not in self.person_ids.get(pid, []):
                self.person_ids.setdefault(pid, []).append(record.record_id)
        self.events.extend(events)

    # -- writing --------------------------------------------------------------------------
    def flush(self) -> int:
        """Write the staged batch in the open transaction; returns the records written."""
        dirty = list(self.dirty.values())
        for r in dirty:
            before = self.loaded.get(r.record_id)
            if before is None:
                self.created += 1
            elif before.version != r.version:
                self.changed += 1
        written = store.write_records(self.session, dirty, self.loaded)
        write_outbox(self.session, self.topic, self.events)
        for record in dirty:
            self.loaded[record.record_id] = store.Loaded(len(record.history), record.version)
        self.dirty.clear()
        self.events.clear()
        self.cache.clear()
        self.missing.clear()
        self.person_ids.clear()
        return written


class _RowRepository(BeneficiaryRepository):
    def __init__(self, staging: FileStaging, scope: RowUnitOfWork) -> None:
        super().__init__()
        self._staging = staging
        self._scope = scope

    def _add(self, record: BeneficiaryRecord) -> None:
        self._scope.touch(record.record_id, None)

    def _get(self, record_id: str) -> BeneficiaryRecord | None:
        record = self._staging.get(record_id)
        if record is not None:
            self._scope.touch(record_id, self._staging.snapshot(record))
        return record

    def _for_person(self, personal_id: str) -> Sequence[BeneficiaryRecord]:
        records = self._staging.for_person(personal_id)
        for record in records:
            self._scope.touch(record.record_id, self._staging.snapshot(record))
        return records

    def _by_move_in(self, move_id: str) -> BeneficiaryRecord | None:
        return self._staging.by_move_in(move_id)

    def _in_units(
        self, province_code: str, unit_codes: tuple[str, ...]
    ) -> Iterable[BeneficiaryRecord]:
        raise NotImplementedError("reports do not run inside a file import")


class RowUnitOfWork(AbstractUnitOfWork):
    """One row: ``commit`` stages it; leaving without commit undoes it."""

    index: SqlGlobalIndex

    def __init__(self, staging: FileStaging, province_code: str) -> None:
        super().__init__()
        self.province_code = province_code
        self._staging = staging
        self.index = staging.index
        self.records = _RowRepository(staging, self)
        self._touched: dict[str, _Snapshot | None] = {}
        self._mark = staging.index.mark()
        self._events: list[Event] = []
        self._done = False

    def touch(self, record_id: str, snap: _Snapshot | None) -> None:
        self._touched.setdefault(record_id, snap)

    def _write_outbox(self, events: list[Event]) -> None:
        self._events = events

    def _commit(self) -> None:
        self._staging.stage(list(self.records.seen.values()), self._events)
        self.index.forget_marks()
        self._done = True

    def rollback(self) -> None:
        if self._done:
            return
        for record_id, snap in self._touched.items():
            self._staging.restore(record_id, snap)
        self.index.undo_to(self._mark)
        self._done = True
