"""One registry record as the payment projection keeps it (ADR 0027).

The registry's events carry the record's ``PaymentProfile`` after each change; the projection
keeps, per record, the latest version it has seen: the person (key, name, birth date, commune,
date of death), the group membership the record grants and the care support it gives. A
record never seen, or seen at an older version, is replaced; an older or equal version is
ignored (replays, a rebuild from a snapshot followed by the events after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from payment.domain.model import CareSupportClaim, Membership


@dataclass(frozen=True, slots=True)
class RecordChannel:
    """How the registry says the record is paid (no postal point: the registry has none)."""

    channel_code: str
    account_number: str | None = None
    account_holder: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryRecord:
    """The facts of one registry record at ``version`` (``person_id``: the personal ID number,
    or ``record:<record id>`` for a record without one)."""

    record_id: str
    province_code: str
    version: int
    person_id: str
    full_name: str
    birth_date: date
    commune_code: str
    died_on: date | None
    membership: Membership
    care_support: tuple[CareSupportClaim, ...] = ()
    channel: RecordChannel | None = None  # the payment channel recorded with the record
    changed_on: date | None = None  # the event's date in Vietnam (snapshot: its date)

    def newer_than(self, known_version: int | None) -> bool:
        """True if this version should replace ``known_version`` (``None``: never seen)."""
        return known_version is None or self.version > known_version


@dataclass(frozen=True, slots=True)
class SnapshotBatch:
    """A batch of the registry's payment snapshot of a province (``RegistryService.
    SnapshotPaymentProfiles``): every batch of one snapshot has the same ``outbox_position``
    and ``taken_at``; events after them may be newer than the snapshot."""

    shard: str
    outbox_position: int
    taken_at: datetime
    records: tuple[RegistryRecord, ...]


@dataclass(frozen=True, slots=True)
class RebuildReport:
    """What a rebuild from a snapshot did: records read, records that changed the projection
    (the others were already there at that version or newer), the snapshot's position."""

    province_code: str
    records: int
    applied: int
    outbox_position: int
    taken_at: datetime | None
