"""What the poverty use cases need from outside, as protocols (adapters implement them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from poverty.domain.model import Household, HouseholdStatus, StatusChange, StatusHistory
from poverty.domain.review import Request, Review


@dataclass(frozen=True, slots=True)
class IssuedCertificate:
    number: str
    household_id: str
    review_year: int


class HouseholdRepository(Protocol):
    """Households of one shard, their status history and certificates."""

    def add(self, province_code: str, household: Household, actor: str) -> None: ...

    def get(self, household_id: str) -> Household | None: ...

    def lock(self, household_id: str) -> None:
        """Serialise writers of one household's history until the transaction ends."""

    def history(self, household_id: str) -> StatusHistory: ...

    def append_change(self, household_id: str, change: StatusChange, review_id: str) -> None: ...

    def households_of_person(self, national_id: str) -> list[str]: ...

    def unit_statuses(
        self, province_code: str, commune_code: str | None, day: dt.date
    ) -> dict[str, tuple[str, HouseholdStatus]]:
        """Every household of the province (or commune): its commune and status on ``day``."""

    def next_certificate_serial(self, commune_code: str, year: int) -> int:
        """The next number of the commune's certificates of ``year`` (1, 2, …)."""

    def add_certificate(
        self,
        *,
        commune_code: str,
        year: int,
        serial: int,
        number: str,
        household_id: str,
        status: str,
        issued_on: dt.date,
        issued_by: str,
    ) -> None: ...

    def certificates(self, household_id: str) -> list[IssuedCertificate]: ...


class ReviewRepository(Protocol):
    """Reviews (campaigns) of one shard."""

    def add(self, review: Review) -> None: ...

    def get(self, review_id: str, *, for_update: bool = False) -> Review | None: ...

    def save(self, review: Review) -> None: ...

    def add_request(self, request_id: str, request: Request, commune_code: str, by: str) -> None:
        """A filed request, pending until a review lists it (one pending per household)."""

    def pending_requests(self, commune_code: str) -> list[tuple[str, Request]]:
        """The commune's pending requests (id, request), oldest first, locked."""

    def mark_listed(self, request_id: str, review_id: str) -> None: ...

    def reviews_of(self, commune_codes: list[str], year: int) -> list[Review]:
        """Every review of these communes started in ``year``."""
