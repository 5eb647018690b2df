"""Unit of work: one transaction on one shard, with its outbox.

``uow_factory(province_code)`` opens the unit of work of the shard that holds the province.
It rolls back unless committed; ``commit`` writes the new events of every list and policy it
saw (and any ``publish``-ed ones) to the outbox in the same transaction as the state change.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Self

from payment.domain.events import Event
from payment.service_layer.ports import Entitlements, LineGenerator, PaymentLists, ProvincePolicies


class AbstractUnitOfWork(abc.ABC):
    province_code: str
    lists: PaymentLists
    lines: LineGenerator
    policies: ProvincePolicies
    entitlements: Entitlements

    def __init__(self) -> None:
        self._published: list[Event] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    def publish(self, event: Event) -> None:
        self._published.append(event)

    def commit(self) -> None:
        self._commit(self.collect_new_events())

    def collect_new_events(self) -> list[Event]:
        events: list[Event] = []
        for payment_list in self.lists.seen.values():
            events.extend(payment_list.events)
            payment_list.events.clear()
        for policy in self.policies.seen.values():
            events.extend(policy.events)
            policy.events.clear()
        events.extend(self._published)
        self._published.clear()
        return events

    @abc.abstractmethod
    def _commit(self, events: list[Event]) -> None:
        """Persist what changed, add ``events`` to this shard's outbox, commit."""

    @abc.abstractmethod
    def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[str], AbstractUnitOfWork]
