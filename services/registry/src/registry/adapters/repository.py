"""The beneficiary repository over one shard's session (records rebuilt from their history)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.adapters import records as store
from registry.adapters.orm import persons
from registry.domain.model import BeneficiaryRecord
from registry.service_layer.repository import BeneficiaryRepository

CHUNK = 500


class SqlAlchemyRepository(BeneficiaryRepository):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.loaded: dict[str, store.Loaded] = {}

    def _add(self, record: BeneficiaryRecord) -> None:
        """Nothing to do yet: new records are written by :meth:`persist` at commit."""

    def _get(self, record_id: str) -> BeneficiaryRecord | None:
        return self.load([record_id]).get(record_id)

    def _for_person(self, personal_id: str) -> Sequence[BeneficiaryRecord]:
        return list(self.load(store.ids_of_person(self.session, personal_id)).values())

    def _by_move_in(self, move_id: str) -> BeneficiaryRecord | None:
        record_id = store.id_of_move_in(self.session, move_id)
        return None if record_id is None else self._get(record_id)

    def _in_units(
        self, province_code: str, unit_codes: tuple[str, ...]
    ) -> Iterable[BeneficiaryRecord]:
        query = select(persons.c.record_id).where(persons.c.province == province_code)
        if unit_codes:
            query = query.where(persons.c.commune_code.in_(unit_codes))
        ids = list(self.session.scalars(query.order_by(persons.c.record_id)))
        for start in range(0, len(ids), CHUNK):
            yield from store.load_records(self.session, ids[start : start + CHUNK]).values()

    def load(self, record_ids: Iterable[str]) -> dict[str, BeneficiaryRecord]:
        """Load records (one query per table) and remember what was read."""
        found = store.load_records(self.session, record_ids)
        for record_id, record in found.items():
            self.loaded.setdefault(record_id, store.Loaded(len(record.history), record.version))
        return found

    def persist(self) -> int:
        """Write every record seen in this unit of work (new ones and new changes)."""
        return store.write_records(self.session, self.seen.values(), self.loaded)
