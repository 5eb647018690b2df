"""Audit of account provisioning: who, when, what, from which address, and the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from identity.domain.model import AccountAction


class Outcome(StrEnum):
    PENDING = "pending"  # written before Keycloak is called: no action goes unaudited
    SUCCEEDED = "succeeded"
    REFUSED = "refused"  # authorization or validation refused it
    FAILED = "failed"  # Keycloak refused or was unreachable


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted, as the verified token said, and the address the request came from."""

    subject: str
    username: str
    unit_code: str | None
    roles: tuple[str, ...]
    client_address: str


@dataclass(slots=True)
class AuditEntry:
    """One provisioning attempt. ``reason_code``/``reason`` explain refusals and failures."""

    id: str
    at: datetime
    actor: Actor
    action: AccountAction
    target_username: str
    target_unit: str | None
    catalog_version: str
    outcome: Outcome = Outcome.PENDING
    target_user_id: str | None = None
    reason_code: str = ""
    reason: str = ""
    finished_at: datetime | None = None
    details: dict[str, str] | None = None

    def finish(
        self, outcome: Outcome, at: datetime, *, code: str = "", reason: str = ""
    ) -> AuditEntry:
        self.outcome, self.finished_at = outcome, at
        self.reason_code, self.reason = code, reason
        return self
