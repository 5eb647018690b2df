"""What the payment use cases need from outside, as protocols (ADR 0013).

* ``PaymentLists``: the list headers of one shard (the lines stay in the database);
* ``LineGenerator``: the set-based generation of a list's lines (SQL ``INSERT … SELECT``);
* ``ProvincePolicies``: the province settings with how far approved lists used them;
* ``Entitlements``: the projection of one person, for explain;
* ``CommuneLock``: the lock per commune and month (Redis);
* ``EntitlementProjection``: the projection's records, written from the registry's events;
* ``ProjectionTransactions``, ``RegistrySnapshots``: a rebuild from the registry's snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.model import Beneficiary
from payment.domain.months import Month
from payment.domain.payment_list import ListSummary, PaymentList
from payment.domain.policy import ProvincePolicy
from payment.domain.registry_record import RegistryRecord, SnapshotBatch


class PaymentLists(Protocol):
    seen: dict[str, PaymentList]

    def get(self, commune_code: str, month: Month) -> PaymentList | None: ...

    def add(self, payment_list: PaymentList) -> None: ...

    def for_province(self, province_code: str, month: Month) -> list[PaymentList]: ...


class LineGenerator(Protocol):
    def generate(self, payment_list: PaymentList, policy: ProvincePolicy) -> ListSummary:
        """Replace the list's generated lines (regular, arrears, funeral, carry-over) by the
        amounts owed, in one set-based statement per kind; adjustment lines stay."""
        ...


class ProvincePolicies(Protocol):
    seen: dict[str, ProvincePolicy]

    def get(self, province_code: str) -> ProvincePolicy: ...

    def save(self, policy: ProvincePolicy) -> None: ...


class Entitlements(Protocol):
    def person(self, person_id: str) -> Beneficiary | None: ...


class CommuneLock(Protocol):
    def hold(self, commune_code: str, month: Month) -> AbstractContextManager[None]:
        """Held while a generation runs; a second holder waits (bounded) or is refused."""
        ...


class EntitlementProjection(Protocol):
    """The projection's records of one shard, written by the registry-event worker."""

    def record_version(self, record_id: str) -> int | None:
        """The version of ``record_id`` the projection holds (``None`` if never seen)."""
        ...

    def save_record(self, record: RegistryRecord) -> None:
        """Replace what the projection holds of ``record.record_id`` by ``record``."""
        ...

    def channel_history(self, person_id: str) -> list[ChannelAssignment]:
        """The person's ID → channel mapping, every version."""
        ...

    def add_channel(self, assignment: ChannelAssignment) -> None:
        """Add a version recorded from the registry (one of the same month from the registry
        is replaced; one recorded by the commune for that month is kept)."""
        ...


class ProjectionTransactions(Protocol):
    """One transaction on the projection of ``province_code``'s shard (commit on success)."""

    def __call__(self, province_code: str) -> AbstractContextManager[EntitlementProjection]: ...


class RegistrySnapshots(Protocol):
    """The registry's payment snapshot of a province (``SnapshotPaymentProfiles``)."""

    def snapshot(self, province_code: str) -> Iterator[SnapshotBatch]: ...
