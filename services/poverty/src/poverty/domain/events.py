"""Domain events of the poverty service, written to the outbox on commit.

``HouseholdStatusDecided`` for every household the commune chair decides; ``HouseholdLeftPoverty``
when a poor household is no longer poor (the social-assistance side stops what depends on it);
``CertificateIssued`` for each certificate. Events carry codes and ids, never names or ID numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from poverty.domain.model import HouseholdStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class HouseholdStatusDecided:
    review_id: str
    household_id: str
    commune_code: str
    review_year: int
    previous_status: HouseholdStatus
    status: HouseholdStatus
    effective_on: dt.date
    decision_number: str
    decided_by: str
    standard_code: str
    deprivations: tuple[str, ...]
    low_income_members: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class HouseholdLeftPoverty:
    review_id: str
    household_id: str
    commune_code: str
    review_year: int
    status: HouseholdStatus  # LEFT_POVERTY or NEAR_POOR
    effective_on: dt.date
    decision_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateIssued:
    certificate_number: str
    household_id: str
    commune_code: str
    review_year: int
    status: HouseholdStatus
    issued_on: dt.date
    issued_by: str


Event = HouseholdStatusDecided | HouseholdLeftPoverty | CertificateIssued
