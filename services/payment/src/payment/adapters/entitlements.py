"""``Entitlements`` on a shard session: the projection tables → ``domain.model.Beneficiary``."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from payment.adapters.orm import (
    entitlement_care_claims,
    entitlement_memberships,
    entitlement_persons,
)
from payment.domain.model import (
    Beneficiary,
    CareKind,
    CareSupportClaim,
    Child,
    DecisionRef,
    DisabilityLevel,
    Membership,
    PovertyStatus,
)
from payment.domain.months import Month


class SqlEntitlements:
    def __init__(self, session: Session) -> None:
        self.session = session

    def person(self, person_id: str) -> Beneficiary | None:
        row = self.session.execute(
            select(entitlement_persons).where(entitlement_persons.c.person_id == person_id)
        ).one_or_none()
        if row is None:
            return None
        p = row._mapping
        members = self.session.execute(
            select(entitlement_memberships)
            .where(entitlement_memberships.c.person_id == person_id)
            .order_by(entitlement_memberships.c.record_id)
        )
        claims = self.session.execute(
            select(entitlement_care_claims)
            .where(entitlement_care_claims.c.person_id == person_id)
            .order_by(entitlement_care_claims.c.claim_id)
        )
        return Beneficiary(
            beneficiary_id=person_id,
            personal_id=person_id,
            birth_date=p["birth_date"],
            province_code=p["province_code"],
            commune_code=p["commune_code"],
            memberships=tuple(_membership(m._mapping) for m in members),
            care_support=tuple(_claim(c._mapping) for c in claims),
            died_on=p["died_on"],
        )


def _month(day: date | None) -> Month | None:
    return Month.of(day) if day is not None else None


def _children(raw: list[dict[str, Any]]) -> tuple[Child, ...]:
    return tuple(
        Child(
            date.fromisoformat(c["birth_date"]) if c.get("birth_date") else None,
            Month.parse(c["studying_through"]) if c.get("studying_through") else None,
        )
        for c in raw
    )


def _decision(row: Any) -> DecisionRef:
    return DecisionRef(row["decision_number"], row["decision_signed_on"] or date(1900, 1, 1))


def _membership(row: Any) -> Membership:
    level, poverty = row["disability_level"], row["poverty"]
    return Membership(
        record_id=row["record_id"],
        group=row["group_code"],
        decision=_decision(row),
        start_month=Month.of(row["start_month"]),
        end_month=_month(row["end_month"]),
        disability_level=DisabilityLevel(level) if level else None,
        studying_through=_month(row["studying_through"]),
        paid_through=_month(row["paid_through"]),
        poverty=PovertyStatus(poverty) if poverty else None,
        children=_children(row["children"]),
    )


def _claim(row: Any) -> CareSupportClaim:
    return CareSupportClaim(
        claim_id=row["claim_id"],
        kind=CareKind(row["kind"]),
        payee_id=row["payee_id"],
        decision=_decision(row),
        start_month=Month.of(row["start_month"]),
        end_month=_month(row["end_month"]),
        pregnant_from=_month(row["pregnant_from"]),
        pregnant_through=_month(row["pregnant_through"]),
        children=_children(row["children"]),
    )
