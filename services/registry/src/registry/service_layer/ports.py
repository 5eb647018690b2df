"""The ports of the registry's use cases, in one place (ADR 0013).

Each is implemented in ``adapters`` (SQLAlchemy) and faked in ``tests/unit/fakes.py``:

* :class:`BeneficiaryRepository` (``repository``): records of one shard;
* :class:`GlobalIndex` (``global_index``): active records by personal ID, nationwide;
* :class:`AbstractUnitOfWork` and ``UnitOfWorkFactory`` (``unit_of_work``): one shard
  transaction with the index and the outbox;
* :class:`RecordReads` (here): the read side (search, list of changes) with keyset paging,
  limited by the caller (``queries``) to the unit it checked access to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from ansinh_common.errors import InvalidInput
from registry.domain.payment_profile import PaymentProfile
from registry.service_layer.global_index import GlobalIndex, IndexEntry
from registry.service_layer.repository import BeneficiaryRepository
from registry.service_layer.unit_of_work import AbstractUnitOfWork, UnitOfWorkFactory

__all__ = [
    "AbstractUnitOfWork",
    "BeneficiaryRepository",
    "ChangeFilter",
    "GlobalIndex",
    "IndexEntry",
    "Page",
    "RecordReads",
    "SearchFilter",
    "UnitOfWorkFactory",
    "page_size",
]

MAX_PAGE = 500
DEFAULT_PAGE = 50


@dataclass(frozen=True, slots=True)
class SearchFilter:
    province_code: str
    commune_code: str | None = None
    name: str | None = None
    personal_id: str | None = None
    category_code: str | None = None
    status: str | None = None
    with_findings: bool = False  # only records having a data-quality finding


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    province_code: str
    commune_code: str | None = None
    kinds: tuple[str, ...] = ()
    effective_from: date | None = None
    effective_to: date | None = None


@dataclass(frozen=True, slots=True)
class Page:
    rows: Sequence[Mapping[Any, Any]]  # column name → value
    next_token: str
    total: int


def page_size(requested: int) -> int:
    if requested < 0 or requested > MAX_PAGE:
        raise InvalidInput(f"Kích thước trang phải từ 1 đến {MAX_PAGE}.")
    return requested or DEFAULT_PAGE


@dataclass(frozen=True, slots=True)
class ProfiledRecord:
    """One record of a payment snapshot: its id, version and payment profile (ADR 0027)."""

    record_id: str
    province_code: str
    version: int
    payment: PaymentProfile


@dataclass(frozen=True, slots=True)
class PaymentSnapshot:
    """A batch of a province's payment snapshot; every batch of one snapshot has the same
    ``shard``, ``outbox_position`` (the shard's last outbox id the snapshot includes) and
    ``taken_at`` (the snapshot transaction's start)."""

    shard: str
    outbox_position: int
    taken_at: datetime
    records: tuple[ProfiledRecord, ...]


class RecordReads(Protocol):
    """The read side of the registry (derived tables of each shard, the global index)."""

    def search(self, f: SearchFilter, size: int, token: str) -> Page:
        """Records of ``f.province_code`` matching ``f``, sorted by folded name."""
        ...

    def list_changes(self, f: ChangeFilter, size: int, token: str) -> Page:
        """Changes of ``f.province_code`` matching ``f``, newest first."""
        ...

    def province_of_person(self, personal_id: str) -> str | None:
        """The province of the person's first active record (global index), if any."""
        ...

    def count_by_status(self, province_code: str) -> tuple[str, dict[str, int]]:
        """(shard name, records of the province per status)."""
        ...

    def payment_snapshot(self, province_code: str, batch_size: int) -> Iterator[PaymentSnapshot]:
        """Every record of the province with its payment profile, in batches, all read in one
        repeatable-read transaction with the shard's outbox position at that moment."""
        ...
