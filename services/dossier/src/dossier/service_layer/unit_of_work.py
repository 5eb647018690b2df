"""Unit of work: one transaction on one province shard, with the outbox.

``uow_factory(province_code)`` opens the unit of work of the shard that holds the province.
It rolls back unless committed; ``commit`` saves the dossiers it saw and writes their new
events (``DossierStatusChanged`` for every transition, ``DecisionIssued`` after a signed
decision) to the outbox in the same transaction.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Self

from dossier.domain.dossier import Dossier
from dossier.service_layer.ports import CodeCounter, DossierRepository


class AbstractUnitOfWork(abc.ABC):
    province_code: str
    dossiers: DossierRepository
    codes: CodeCounter

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    def commit(self) -> None:
        changed = [d for d in self.dossiers.seen.values() if d.events]
        self._save(changed)
        for dossier in changed:
            dossier.events.clear()
        self._commit()

    @abc.abstractmethod
    def _save(self, dossiers: list[Dossier]) -> None:
        """Write the changed dossiers, their audit trail and their events to the outbox."""

    @abc.abstractmethod
    def _commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[str], AbstractUnitOfWork]
