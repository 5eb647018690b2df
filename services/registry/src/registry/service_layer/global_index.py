"""The global index: active records by personal ID number, across every shard.

Lives in the small ``registry_global`` database (DESIGN.md, data ownership): one row per
active (personal ID, category) with the province and record id, unique on (personal ID,
category). The unit of work holds it next to the shard session; see docs/registry.md for how
the adapter keeps the two in step (claim before the shard commit, confirm after, reconcile
from the outbox events).
"""

from __future__ import annotations

import abc

from registry.domain.rules.one_active_per_category import IndexEntry

__all__ = ["GlobalIndex", "IndexEntry"]


class GlobalIndex(abc.ABC):
    @abc.abstractmethod
    def find(self, personal_id: str) -> list[IndexEntry]:
        """Active records of the person, nationwide."""

    @abc.abstractmethod
    def claim(self, entry: IndexEntry) -> None:
        """Register an active record; raises ``DuplicateActiveRecord`` if another record holds
        (personal ID, category) — the unique constraint is the last line of defence against two
        provinces registering the same person at once."""

    @abc.abstractmethod
    def release(self, personal_id: str, category_code: str, record_id: str) -> None:
        """The record is no longer active (death, stop, category or ID change); idempotent."""

    @abc.abstractmethod
    def relocate(self, entry: IndexEntry, from_record_id: str) -> None:
        """A move: the (personal ID, category) held by ``from_record_id`` now points at
        ``entry``'s province and record; idempotent (already relocated: nothing to do)."""
