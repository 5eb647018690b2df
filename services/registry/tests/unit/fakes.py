"""In-memory shards, global index and outbox: the unit of work without I/O.

Each shard keeps committed copies; a unit of work works on copies and writes them back only
on ``commit`` — so "rolls back unless committed" is really tested.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from registry.domain.changes import MoveIn
from registry.domain.errors import DuplicateActiveRecord
from registry.domain.events import Event
from registry.domain.model import BeneficiaryRecord
from registry.service_layer.global_index import GlobalIndex, IndexEntry
from registry.service_layer.repository import BeneficiaryRepository
from registry.service_layer.unit_of_work import AbstractUnitOfWork


@dataclass
class FakeShard:
    name: str
    records: dict[str, BeneficiaryRecord] = field(default_factory=dict)
    outbox: list[Event] = field(default_factory=list)
    commits: int = 0


class FakeRepository(BeneficiaryRepository):
    def __init__(self, shard: FakeShard) -> None:
        super().__init__()
        self._shard = shard
        self._added: dict[str, BeneficiaryRecord] = {}

    def _add(self, record: BeneficiaryRecord) -> None:
        self._added[record.record_id] = record

    def _get(self, record_id: str) -> BeneficiaryRecord | None:
        found = self._added.get(record_id) or self._shard.records.get(record_id)
        return copy.deepcopy(found)

    def _for_person(self, personal_id: str) -> Sequence[BeneficiaryRecord]:
        stored = {**self._shard.records, **self._added}
        return [copy.deepcopy(r) for r in stored.values() if r.personal_id == personal_id]

    def _by_move_in(self, move_id: str) -> BeneficiaryRecord | None:
        for record in {**self._shard.records, **self._added}.values():
            if any(isinstance(c, MoveIn) and c.move_id == move_id for c in record.history):
                return copy.deepcopy(record)
        return None

    def _in_units(
        self, province_code: str, unit_codes: tuple[str, ...]
    ) -> Iterable[BeneficiaryRecord]:
        for record in self._shard.records.values():
            residence = record.state.person.residence
            if record.province_code == province_code and (
                not unit_codes or residence.commune_code in unit_codes
            ):
                yield record


class FakeGlobalIndex(GlobalIndex):
    """Staged writes over a shared committed table, unique on (personal ID, category)."""

    def __init__(self, table: dict[tuple[str, str], IndexEntry]) -> None:
        self._table = table
        self._staged = dict(table)

    def find(self, personal_id: str) -> list[IndexEntry]:
        return [e for (pid, _), e in self._staged.items() if pid == personal_id]

    def claim(self, entry: IndexEntry) -> None:
        key = (entry.personal_id, entry.category_code)
        held = self._staged.get(key)
        if held is not None and held.record_id != entry.record_id:
            raise DuplicateActiveRecord(entry.category_code, held.province_code, held.record_id)
        self._staged[key] = entry

    def release(self, personal_id: str, category_code: str, record_id: str) -> None:
        held = self._staged.get((personal_id, category_code))
        if held is not None and held.record_id == record_id:
            del self._staged[(personal_id, category_code)]

    def relocate(self, entry: IndexEntry, from_record_id: str) -> None:
        key = (entry.personal_id, entry.category_code)
        held = self._staged.get(key)
        if held is None or held.record_id in {from_record_id, entry.record_id}:
            self._staged[key] = entry
        else:
            raise DuplicateActiveRecord(entry.category_code, held.province_code, held.record_id)

    def commit(self) -> None:
        self._table.clear()
        self._table.update(self._staged)


class FakeUnitOfWork(AbstractUnitOfWork):
    def __init__(self, shard: FakeShard, province_code: str, index: FakeGlobalIndex) -> None:
        super().__init__()
        self.shard = shard
        self.province_code = province_code
        self.records = FakeRepository(shard)
        self.index = index
        self._index = index
        self.committed = False

    def _write_outbox(self, events: list[Event]) -> None:
        self._pending_outbox = list(events)

    def _commit(self) -> None:
        for record in self.records.seen.values():
            self.shard.records[record.record_id] = copy.deepcopy(record)
        self.shard.outbox.extend(self._pending_outbox)
        self._index.commit()
        self.shard.commits += 1
        self.committed = True

    def rollback(self) -> None:
        pass  # nothing was written: copies are dropped with the unit of work


class FakeCluster:
    """Shards by province (like ``ShardRouter``) plus the global index database."""

    def __init__(self, province_shards: dict[str, str]) -> None:
        self.province_shards = province_shards
        self.shards = {name: FakeShard(name) for name in set(province_shards.values())}
        self.index_table: dict[tuple[str, str], IndexEntry] = {}
        self.relayed = 0

    def uow(self, province_code: str) -> FakeUnitOfWork:
        shard = self.shards[self.province_shards[province_code]]
        return FakeUnitOfWork(shard, province_code, FakeGlobalIndex(self.index_table))

    def shard_of(self, province_code: str) -> FakeShard:
        return self.shards[self.province_shards[province_code]]

    def outbox(self) -> list[Event]:
        return [e for shard in self.shards.values() for e in shard.outbox]

    def take_outbox(self) -> list[Event]:
        """What the relay publishes next (and marks as sent)."""
        events = []
        for shard in sorted(self.shards.values(), key=lambda s: s.name):
            events.extend(shard.outbox)
            shard.outbox.clear()
        return events
