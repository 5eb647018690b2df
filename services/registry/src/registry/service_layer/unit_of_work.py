"""Unit of work: one transaction on one shard, plus the global index and the outbox.

``uow_factory(province_code)`` opens the unit of work of the shard that holds the province.
It rolls back unless committed; ``commit`` writes the new events of every record it saw (and
any ``publish``-ed ones) to the outbox in the same transaction as the state change.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Self

from registry.domain.events import Event
from registry.service_layer.global_index import GlobalIndex
from registry.service_layer.repository import BeneficiaryRepository


class AbstractUnitOfWork(abc.ABC):
    province_code: str
    records: BeneficiaryRepository
    index: GlobalIndex

    def __init__(self) -> None:
        self._published: list[Event] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    def publish(self, event: Event) -> None:
        """An event that belongs to no record of this shard (e.g. ``MoveInRejected``)."""
        self._published.append(event)

    def commit(self) -> None:
        """State, index and outbox together (see docs/registry.md for the index)."""
        self._write_outbox(self.collect_new_events())
        self._commit()

    def collect_new_events(self) -> list[Event]:
        events: list[Event] = []
        for record in self.records.seen.values():
            events.extend(record.events)
            record.events.clear()
        events.extend(self._published)
        self._published.clear()
        return events

    @abc.abstractmethod
    def _write_outbox(self, events: list[Event]) -> None:
        """Serialise and add the events to this shard's outbox (``add_to_outbox``)."""

    @abc.abstractmethod
    def _commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[str], AbstractUnitOfWork]
