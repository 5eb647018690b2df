"""Writes of the entitlement projection: one person with their memberships and care claims.

Used by the registry-event handlers (``service_layer.handlers.projection``) and by tests and
the benchmark to load a population. Upserts: replaying the same facts changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from payment.adapters.orm import (
    entitlement_care_claims,
    entitlement_memberships,
    entitlement_persons,
)
from payment.domain.model import Beneficiary, CareSupportClaim, Child, Membership
from payment.domain.months import Month


def _day(month: Month | None) -> Any:
    return month.first_day() if month is not None else None


def children_json(children: tuple[Child, ...]) -> list[dict[str, Any]]:
    return [
        {"birth_date": c.birth_date.isoformat(),
         "studying_through": str(c.studying_through) if c.studying_through else None}
        for c in children
    ]  # fmt: skip


def membership_row(person_id: str, province: str, m: Membership) -> dict[str, Any]:
    return {
        "record_id": m.record_id, "person_id": person_id, "province_code": province,
        "group_code": m.group, "decision_number": m.decision.number,
        "decision_signed_on": m.decision.signed_on, "start_month": m.start_month.first_day(),
        "end_month": _day(m.end_month),
        "disability_level": m.disability_level.value if m.disability_level else None,
        "studying_through": _day(m.studying_through),
        "poverty": m.poverty.value if m.poverty else None,
        "children": children_json(m.children),
    }  # fmt: skip


def claim_row(person_id: str, province: str, c: CareSupportClaim) -> dict[str, Any]:
    return {
        "claim_id": c.claim_id, "person_id": person_id, "province_code": province,
        "kind": c.kind.value, "payee_id": c.payee_id, "decision_number": c.decision.number,
        "decision_signed_on": c.decision.signed_on, "start_month": c.start_month.first_day(),
        "end_month": _day(c.end_month), "pregnant_from": _day(c.pregnant_from),
        "pregnant_through": _day(c.pregnant_through), "children": children_json(c.children),
    }  # fmt: skip


def upsert_person(
    session: Session, *, person_id: str, province: str, commune: str, full_name: str,
    birth_date: Any, died_on: Any = None,
) -> None:  # fmt: skip
    values = {
        "person_id": person_id, "province_code": province, "commune_code": commune,
        "full_name": full_name, "birth_date": birth_date, "died_on": died_on,
    }  # fmt: skip
    stmt = insert(entitlement_persons).values(values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["person_id"], set_={k: stmt.excluded[k] for k in values}
        )
    )


def upsert_membership(session: Session, row: dict[str, Any]) -> None:
    stmt = insert(entitlement_memberships).values(row)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["record_id"], set_={k: stmt.excluded[k] for k in row}
        )
    )


def save_beneficiary(session: Session, b: Beneficiary, full_name: str) -> None:
    """Replace everything known of ``b`` by these facts."""
    pid = b.beneficiary_id
    upsert_person(
        session, person_id=pid, province=b.province_code, commune=b.commune_code,
        full_name=full_name, birth_date=b.birth_date, died_on=b.died_on,
    )  # fmt: skip
    session.execute(
        delete(entitlement_memberships).where(entitlement_memberships.c.person_id == pid)
    )
    session.execute(
        delete(entitlement_care_claims).where(entitlement_care_claims.c.person_id == pid)
    )
    for m in b.memberships:
        upsert_membership(session, membership_row(pid, b.province_code, m))
    for c in b.care_support:
        session.execute(insert(entitlement_care_claims).values(claim_row(pid, b.province_code, c)))
