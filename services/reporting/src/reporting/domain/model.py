"""The reporting read side's vocabulary: facts from the registry's events and the rows they
become (ADR 0022). Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class EndMonth(StrEnum):
    """What an event does to the last month a record is paid."""

    KEEP = "keep"
    SET = "set"
    CLEAR = "clear"


class ChangeKind(StrEnum):
    """Changes of the month (biến động) as the ministry's forms count them."""

    NEW = "new"
    DEATH = "death"
    STOP = "stop"
    INFORMATION = "information"
    COEFFICIENT = "coefficient"
    MOVE_OUT = "move_out"
    MOVE_IN = "move_in"
    MOVE_CANCELLED = "move_cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """The record's dimensions after the change (the registry's ``ReportingProfile``)."""

    commune_code: str
    district_code: str | None
    catalog_version: str
    category_code: str
    gender: str
    birth_month: date  # first day of the month
    ethnicity_code: str | None
    disability_level_code: str | None
    care_support_households: int
    payment_channel_code: str | None
    status: str
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitCodes:
    """Where a record is counted: in the 2025 catalog and, for months before the merger, in
    the pre-2025 one (``None`` where a record has no pre-2025 unit)."""

    province_2025: str
    commune_2025: str | None
    province_pre: str | None
    district_pre: str | None
    commune_pre: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryFact:
    """One registry event as the read models need it."""

    event_id: str
    record_id: str
    province_code: str
    version: int
    profile: Profile | None
    start_month: date | None = None
    end: EndMonth = EndMonth.KEEP
    end_month: date | None = None
    change: ChangeKind | None = None
    change_month: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BeneficiaryRow:
    """``rm_beneficiary``: the current read model of one record."""

    record_id: str
    province_code: str
    version: int
    units: UnitCodes
    profile: Profile
    start_month: date | None
    end: EndMonth
    end_month: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRow:
    """``rm_beneficiary_change``: one change of a month, keyed by the event id."""

    event_id: str
    record_id: str
    kind: ChangeKind
    month: date
    units: UnitCodes
    category_code: str
