"""The repository of beneficiary records in one shard (one or more provinces).

Implemented over SQLAlchemy in ``adapters`` (one database per shard); ``seen`` lets the unit
of work collect the events of every record loaded or added in the transaction.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence

from registry.domain.model import BeneficiaryRecord


class BeneficiaryRepository(abc.ABC):
    def __init__(self) -> None:
        self.seen: dict[str, BeneficiaryRecord] = {}

    def add(self, record: BeneficiaryRecord) -> None:
        self._add(record)
        self.seen[record.record_id] = record

    def get(self, record_id: str) -> BeneficiaryRecord | None:
        """The record with its full history (``None`` if not in this shard)."""
        record = self.seen.get(record_id) or self._get(record_id)
        if record is not None:
            self.seen[record.record_id] = record
        return record

    def for_person(self, personal_id: str) -> list[BeneficiaryRecord]:
        """Every record of the person in this shard (any status)."""
        records = [self.seen.get(r.record_id, r) for r in self._for_person(personal_id)]
        for record in records:
            self.seen[record.record_id] = record
        known = {r.record_id for r in records}
        extra = [r for r in self.seen.values() if r.personal_id == personal_id]
        return records + [r for r in extra if r.record_id not in known]

    def by_move_in(self, move_id: str) -> BeneficiaryRecord | None:
        """The record created here by the move ``move_id`` (saga idempotency)."""
        record = self._by_move_in(move_id)
        if record is not None:
            record = self.seen.setdefault(record.record_id, record)
        return record

    def in_units(
        self, province_code: str, unit_codes: Sequence[str] = ()
    ) -> Iterable[BeneficiaryRecord]:
        """Records of a province, optionally only those living in ``unit_codes`` (read side:
        reports; not tracked in ``seen``)."""
        return self._in_units(province_code, tuple(unit_codes))

    @abc.abstractmethod
    def _add(self, record: BeneficiaryRecord) -> None: ...

    @abc.abstractmethod
    def _get(self, record_id: str) -> BeneficiaryRecord | None: ...

    @abc.abstractmethod
    def _for_person(self, personal_id: str) -> Sequence[BeneficiaryRecord]: ...

    @abc.abstractmethod
    def _by_move_in(self, move_id: str) -> BeneficiaryRecord | None: ...

    @abc.abstractmethod
    def _in_units(
        self, province_code: str, unit_codes: tuple[str, ...]
    ) -> Iterable[BeneficiaryRecord]: ...
