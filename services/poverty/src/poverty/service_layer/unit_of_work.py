"""The poverty unit of work: one shard transaction, its events written to the outbox with it.

``uow_factory(province_code)`` opens the unit of work of the shard that holds the province. It
rolls back unless committed; ``commit`` writes every ``publish``-ed event to the outbox in the
same transaction as the state change (ADR 0003).
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Self

from poverty.domain.events import Event
from poverty.service_layer.ports import HouseholdRepository, ReviewRepository


class AbstractUnitOfWork(abc.ABC):
    province_code: str
    households: HouseholdRepository
    reviews: ReviewRepository

    def __init__(self) -> None:
        self._published: list[Event] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    def publish(self, event: Event) -> None:
        self._published.append(event)

    def commit(self) -> None:
        events, self._published = self._published, []
        self._commit(events)

    @abc.abstractmethod
    def _commit(self, events: list[Event]) -> None:
        """Write ``events`` to the shard's outbox and commit."""

    @abc.abstractmethod
    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[str], AbstractUnitOfWork]
