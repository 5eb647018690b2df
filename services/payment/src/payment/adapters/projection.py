"""Writes of the entitlement projection: one person with their memberships and care claims.

``SqlEntitlementProjection`` is what the registry-event worker and the rebuild write through
(``service_layer.handlers.projection``, one registry record at a time, ADR 0027);
``save_beneficiary`` loads a whole person (tests, the benchmark). Upserts: replaying the same
facts changes nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from payment.adapters.orm import (
    entitlement_care_claims,
    entitlement_memberships,
    entitlement_persons,
)
from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.model import Beneficiary, CareSupportClaim, Child, Membership
from payment.domain.months import Month
from payment.domain.registry_record import RegistryRecord

FROM_REGISTRY = "registry"  # ``recorded_by`` of a version projected from the registry's events


def _day(month: Month | None) -> Any:
    return month.first_day() if month is not None else None


def children_json(children: tuple[Child, ...]) -> list[dict[str, Any]]:
    return [
        {"birth_date": c.birth_date.isoformat() if c.birth_date else None,
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
        "paid_through": _day(m.paid_through),
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


class SqlEntitlementProjection:
    """``EntitlementProjection`` on a shard session: one registry record at a time.

    A record's care-support claims are ``<record id>/<n>``; the person row is shared by all
    of the person's records (the last one written sets name, birth date and commune; a date
    of death, once known, stays). A person left with no record (the personal ID changed) is
    removed.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def record_version(self, record_id: str) -> int | None:
        m = entitlement_memberships.c
        found = self.session.execute(
            select(m.record_version).where(m.record_id == record_id)
        ).scalar_one_or_none()
        return int(found) if found is not None else None

    def save_record(self, record: RegistryRecord) -> None:
        m, c = entitlement_memberships.c, entitlement_care_claims.c
        previous = self.session.execute(
            select(m.person_id).where(m.record_id == record.record_id)
        ).scalar_one_or_none()
        self._upsert_person(record)
        row = membership_row(record.person_id, record.province_code, record.membership)
        upsert_membership(self.session, {**row, "record_version": record.version})
        self.session.execute(
            delete(entitlement_care_claims).where(c.claim_id.like(f"{record.record_id}/%"))
        )
        for claim in record.care_support:
            values = claim_row(record.person_id, record.province_code, claim)
            self.session.execute(insert(entitlement_care_claims).values(values))
        if previous is not None and previous != record.person_id:
            self._drop_if_orphan(previous)

    def channel_history(self, person_id: str) -> list[ChannelAssignment]:
        rows = self.session.execute(
            text("SELECT channel_code, valid_from, point_code, account_number, account_holder "
                 "FROM channel_assignments WHERE national_id = :n"), {"n": person_id},
        )  # fmt: skip
        return [
            ChannelAssignment(person_id, r.channel_code, Month(r.valid_from.year,
                              r.valid_from.month), r.point_code, r.account_number,
                              r.account_holder)
            for r in rows
        ]  # fmt: skip

    def add_channel(self, assignment: ChannelAssignment) -> None:
        a = assignment
        self.session.execute(
            text("""
            INSERT INTO channel_assignments (id, province_code, national_id, valid_from,
              channel_code, point_code, account_number, account_holder, recorded_by)
            VALUES (:id, :p, :n, :m, :c, :pt, :acc, :h, :by)
            ON CONFLICT ON CONSTRAINT uq_channel_assignments_id_month DO UPDATE SET
              channel_code = excluded.channel_code, point_code = excluded.point_code,
              account_number = excluded.account_number, account_holder = excluded.account_holder
            WHERE channel_assignments.recorded_by = :by"""),
            {"id": str(uuid.uuid4()), "p": self._province(a.beneficiary_id),
             "n": a.beneficiary_id, "m": a.valid_from.first_day(), "c": a.channel_code,
             "pt": a.point_code, "acc": a.account_number, "h": a.account_holder,
             "by": FROM_REGISTRY},
        )  # fmt: skip

    def _province(self, person_id: str) -> str:
        p = entitlement_persons.c
        found = self.session.execute(
            select(p.province_code).where(p.person_id == person_id)
        ).scalar_one()
        return str(found)

    def _upsert_person(self, record: RegistryRecord) -> None:
        p = entitlement_persons.c
        values = {
            "person_id": record.person_id, "province_code": record.province_code,
            "commune_code": record.commune_code, "full_name": record.full_name,
            "birth_date": record.birth_date, "died_on": record.died_on,
        }  # fmt: skip
        stmt = insert(entitlement_persons).values(values)
        update: dict[str, Any] = {k: stmt.excluded[k] for k in values if k != "died_on"}
        update["died_on"] = func.coalesce(stmt.excluded.died_on, p.died_on)
        update["updated_at"] = func.now()
        self.session.execute(stmt.on_conflict_do_update(index_elements=["person_id"], set_=update))

    def _drop_if_orphan(self, person_id: str) -> None:
        left = 0
        for table in (entitlement_memberships, entitlement_care_claims):
            count = select(func.count()).select_from(table).where(table.c.person_id == person_id)
            left += self.session.execute(count).scalar_one()
        if left == 0:
            self.session.execute(
                delete(entitlement_persons).where(entitlement_persons.c.person_id == person_id)
            )
