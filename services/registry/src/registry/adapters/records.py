"""Records ↔ rows: load a record from its history, write new changes and the derived state.

Writing is batched (one executemany per table for any number of records): the repository
writes the few records of a use case, an Excel import a whole file's, with the same code.
Existing records are locked (``SELECT … FOR UPDATE``) and their version compared with the one
loaded: a record changed meanwhile raises :class:`VersionConflict` and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from registry.adapters.bulk import bulk_insert
from registry.adapters.codec import decode, decode_change, encode, encode_change
from registry.adapters.orm import (
    beneficiary_records,
    care_support_links,
    data_quality_findings,
    persons,
    record_changes,
)
from registry.adapters.sql import among
from registry.domain.changes import AnyChange, MoveIn
from registry.domain.data_quality import findings
from registry.domain.errors import VersionConflict
from registry.domain.excel_import.names import search_key
from registry.domain.model import BeneficiaryRecord
from registry.domain.move import MoveProgress
from registry.domain.state import RecordState


@dataclass(frozen=True, slots=True)
class Loaded:
    """What was read from the database: compared at write time."""

    history_length: int
    version: int


def fold_name(name: str) -> str:
    """The indexed search key ("Nguyễn Văn Đức" → "nguyen van duc"): see ``search_key``."""
    return search_key(name)


# -- loading ----------------------------------------------------------------------------------


def load_records(session: Session, record_ids: Iterable[str]) -> dict[str, BeneficiaryRecord]:
    """The records with their full history (missing ids are left out)."""
    ids = sorted(set(record_ids))
    if not ids:
        return {}
    br, rc = beneficiary_records, record_changes
    heads = session.execute(
        select(br.c.record_id, br.c.province, br.c.version, br.c.move).where(
            among(br.c.record_id, ids)
        )
    ).all()
    histories: dict[str, list[AnyChange]] = {}
    for record_id, payload in session.execute(
        select(rc.c.record_id, rc.c.payload)
        .where(among(rc.c.record_id, ids))
        .order_by(rc.c.record_id, rc.c.seq)
    ):
        histories.setdefault(record_id, []).append(change_from_doc(payload))
    out = {}
    for record_id, province, version, move in heads:
        progress = None if move is None else decode(MoveProgress, move)
        out[record_id] = BeneficiaryRecord(
            record_id, province, histories.get(record_id, ()), version=version, move=progress
        )
    return out


def change_from_doc(payload: Mapping[str, Any]) -> AnyChange:
    return decode_change(dict(payload))


def ids_of_person(session: Session, personal_id: str) -> list[str]:
    return list(
        session.scalars(select(persons.c.record_id).where(persons.c.personal_id == personal_id))
    )


def ids_of_persons(session: Session, personal_ids: Iterable[str]) -> dict[str, list[str]]:
    pids = sorted(set(personal_ids))
    out: dict[str, list[str]] = {p: [] for p in pids}
    if not pids:
        return out
    query = select(persons.c.personal_id, persons.c.record_id).where(
        among(persons.c.personal_id, pids)
    )
    for pid, record_id in session.execute(query):
        out[pid].append(record_id)
    return out


def id_of_move_in(session: Session, move_id: str) -> str | None:
    rc = record_changes
    query = select(rc.c.record_id).where(rc.c.move_id == move_id, rc.c.kind == "move_in")
    return session.scalars(query.limit(1)).first()


# -- writing ----------------------------------------------------------------------------------


def write_records(
    session: Session, records: Iterable[BeneficiaryRecord], loaded: Mapping[str, Loaded]
) -> int:
    """Write new records and the new changes of loaded ones; returns how many were written."""
    new: list[BeneficiaryRecord] = []
    changed: list[BeneficiaryRecord] = []
    for record in records:
        before = loaded.get(record.record_id)
        if before is None:
            new.append(record)
        elif record.version != before.version or len(record.history) != before.history_length:
            changed.append(record)
    _check_versions(session, changed, loaded)
    states = {r.record_id: r.state for r in (*new, *changed)}
    if new:
        bulk_insert(session, beneficiary_records, [_record_row(r, states) for r in new])
        bulk_insert(session, persons, [_person_row(r, states) for r in new])
    if changed:
        _update_state(session, changed, states)
    history = [
        _change_row(r, seq, change)
        for r in (*new, *changed)
        for seq, change in _new_changes(r, loaded.get(r.record_id))
    ]
    bulk_insert(session, record_changes, history)
    _write_children(session, new, changed, states)
    return len(new) + len(changed)


def _check_versions(
    session: Session, changed: Sequence[BeneficiaryRecord], loaded: Mapping[str, Loaded]
) -> None:
    if not changed:
        return
    br = beneficiary_records
    ids = sorted(r.record_id for r in changed)
    current: dict[str, int] = dict(
        session.execute(  # type: ignore[arg-type]
            select(br.c.record_id, br.c.version)
            .where(among(br.c.record_id, ids))
            .order_by(br.c.record_id)
            .with_for_update()
        ).all()
    )
    for record_id in ids:
        if current.get(record_id) != loaded[record_id].version:
            raise VersionConflict(record_id)


def _update_state(
    session: Session, changed: Sequence[BeneficiaryRecord], states: Mapping[str, RecordState]
) -> None:
    br, p = beneficiary_records, persons
    record_rows = [{"b_id": r.record_id, **_record_row(r, states)} for r in changed]
    for row in record_rows:
        del row["record_id"]
    values: dict[str, Any] = {k: bindparam(k) for k in record_rows[0] if k != "b_id"}
    session.execute(
        update(br).where(br.c.record_id == bindparam("b_id")).values(**values),
        record_rows,
        execution_options={"synchronize_session": False},
    )
    person_rows = [{"b_id": r.record_id, **_person_row(r, states)} for r in changed]
    for row in person_rows:
        del row["record_id"]
    values = {k: bindparam(k) for k in person_rows[0] if k != "b_id"}
    session.execute(
        update(p).where(p.c.record_id == bindparam("b_id")).values(**values),
        person_rows,
        execution_options={"synchronize_session": False},
    )


def _write_children(
    session: Session,
    new: Sequence[BeneficiaryRecord],
    changed: Sequence[BeneficiaryRecord],
    states: Mapping[str, RecordState],
) -> None:
    if changed:
        ids = [r.record_id for r in changed]
        session.execute(
            delete(care_support_links).where(among(care_support_links.c.record_id, ids))
        )
        session.execute(
            delete(data_quality_findings).where(among(data_quality_findings.c.record_id, ids))
        )
    links, found = [], []
    for record in (*new, *changed):
        state = states[record.record_id]
        links.extend(_link_rows(record, state))
        found.extend(_finding_rows(record, state))
    bulk_insert(session, care_support_links, links)
    bulk_insert(session, data_quality_findings, found)


def _new_changes(
    record: BeneficiaryRecord, before: Loaded | None
) -> Iterable[tuple[int, AnyChange]]:
    start = 0 if before is None else before.history_length
    yield from enumerate(record.history[start:], start=start + 1)


def _record_row(record: BeneficiaryRecord, states: Mapping[str, RecordState]) -> dict[str, Any]:
    s = states[record.record_id]
    decision, disability, payment = s.decision, s.disability, s.payment
    return {
        "record_id": record.record_id,
        "province": record.province_code,
        "version": record.version,
        "history_length": len(record.history),
        "status": s.status.value,
        "category_code": s.category.code,
        "category_condition": s.category.condition,
        "category_children": s.category.children,
        "coefficient": s.coefficient,
        "start_month": str(s.start_month),
        "end_month": None if s.end_month is None else str(s.end_month),
        "decision_number": decision.number if decision else None,
        "decision_signed_on": decision.signed_on if decision else None,
        "decision_unit": decision.signing_unit_code if decision else None,
        "disability_type_code": disability.type_code if disability else None,
        "disability_level_code": disability.level_code if disability else None,
        "disability_certified_on": disability.certified_on if disability else None,
        "payment_channel_code": payment.channel_code if payment else None,
        "account_number": payment.account_number if payment else None,
        "account_holder": payment.account_holder if payment else None,
        "move": None if record.move is None else encode(record.move),
    }


def _person_row(record: BeneficiaryRecord, states: Mapping[str, RecordState]) -> dict[str, Any]:
    person = states[record.record_id].person
    residence, contact = person.residence, person.contact
    return {
        "record_id": record.record_id,
        "province": record.province_code,
        "personal_id": person.personal_id,
        "full_name": person.full_name,
        "name_folded": fold_name(person.full_name),
        "birth_date": person.birth_date,
        "gender": person.gender.value,
        "ethnicity_code": person.ethnicity_code,
        "commune_code": residence.commune_code,
        "district_code": residence.district_code,
        "catalog_version": residence.catalog_version,
        "address": contact.address,
        "phone": contact.phone,
    }


def _change_row(record: BeneficiaryRecord, seq: int, change: AnyChange) -> dict[str, Any]:
    decision = change.decision
    return {
        "record_id": record.record_id,
        "seq": seq,
        "province": record.province_code,
        "kind": change.kind.value,
        "effective_on": change.effective_on,
        "recorded_at": change.recorded_at,
        "reason": change.reason,
        "decision_number": decision.number if decision else None,
        "decision_signed_on": decision.signed_on if decision else None,
        "actor_subject": change.actor.subject,
        "actor_username": change.actor.username,
        "move_id": getattr(change, "move_id", None),
        "payload": encode_change(change),
    }


def _link_rows(record: BeneficiaryRecord, state: RecordState) -> list[dict[str, Any]]:
    return [
        {
            "record_id": record.record_id,
            "position": i,
            "province": record.province_code,
            "caregiver_kind": link.caregiver_kind.value,
            "caregiver_id": link.caregiver_id,
            "caregiver_name": link.caregiver_name,
            "category_code": link.category_code,
            "condition": link.condition,
            "coefficient": link.coefficient,
        }
        for i, link in enumerate(state.care_support, start=1)
    ]


def _finding_rows(record: BeneficiaryRecord, state: RecordState) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for f in findings(state):
        rows.setdefault(
            (f.code.value, f.field),
            {
                "record_id": record.record_id,
                "code": f.code.value,
                "field": f.field,
                "province": record.province_code,
                "message": f.message,
            },
        )
    return list(rows.values())


def moved_in_from(record: BeneficiaryRecord) -> str | None:
    """The origin record of a record created by a move (its last MoveIn), if any."""
    for change in reversed(record.history):
        if isinstance(change, MoveIn):
            return change.origin_record_id
    return None
