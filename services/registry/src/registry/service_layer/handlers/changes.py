"""Changes to an existing record: death, stop, information change, coefficient change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from registry.domain.actor import Actor
from registry.domain.benefit import Disability
from registry.domain.changes import CoefficientChange, Death, InformationChange, Stop
from registry.domain.commands import (
    ChangeCoefficient,
    ChangeInformation,
    RecordCommand,
    RecordDeath,
    StopBenefit,
)
from registry.domain.errors import RecordNotFound
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.rules.payment_months import rate_change_month, stops_from
from registry.domain.state import RecordState
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.handlers.entitlement import refresh_entitlement
from registry.service_layer.handlers.index_sync import sync_index

AnyRecordChange = Death | Stop | InformationChange | CoefficientChange
Builder = Callable[[RecordState, Actor, datetime], AnyRecordChange | None]


def record_death(cmd: RecordDeath, deps: Dependencies) -> bool:
    def build(_: RecordState, actor: Actor, now: datetime) -> Death:
        return Death(
            effective_on=cmd.died_on, reason=cmd.reason, actor=actor, recorded_at=now,
            decision=cmd.decision,
        )  # fmt: skip

    return _change(cmd, deps, {"status"}, build, stops_from(cmd.died_on))


def stop_benefit(cmd: StopBenefit, deps: Dependencies) -> bool:
    def build(_: RecordState, actor: Actor, now: datetime) -> Stop:
        return Stop(
            effective_on=cmd.stopped_on, reason=cmd.reason, actor=actor, recorded_at=now,
            decision=cmd.decision,
        )  # fmt: skip

    return _change(cmd, deps, {"status"}, build, stops_from(cmd.stopped_on))


def change_coefficient(cmd: ChangeCoefficient, deps: Dependencies) -> bool:
    def build(_: RecordState, actor: Actor, now: datetime) -> CoefficientChange:
        return CoefficientChange(
            effective_on=cmd.condition_met_on, reason=cmd.reason, actor=actor,
            recorded_at=now, decision=cmd.decision, coefficient=cmd.coefficient,
            category=cmd.category, disability=cmd.disability, care_support=cmd.care_support,
        )  # fmt: skip

    changed = {"coefficient"} | ({"category"} if cmd.category else set())
    changed |= {"disability"} if cmd.disability else set()
    changed |= {"care_support"} if cmd.care_support is not None else set()
    return _change(cmd, deps, changed, build, rate_change_month(cmd.condition_met_on))


def change_information(cmd: ChangeInformation, deps: Dependencies) -> bool:
    """Only the fields that really differ are recorded; nothing differs: ``False``, no change."""

    def build(state: RecordState, actor: Actor, now: datetime) -> InformationChange | None:
        update = only_differences(cmd.update, state)
        if update.is_empty():
            return None
        return InformationChange(
            effective_on=cmd.effective_on, reason=cmd.reason, actor=actor, recorded_at=now,
            decision=cmd.decision, update=update,
        )  # fmt: skip

    return _change(cmd, deps, None, build, None)


def only_differences(update: InformationUpdate, state: RecordState) -> InformationUpdate:
    """Drop the fields whose new value equals the current one (a re-imported file changes
    only what was really edited)."""
    person, disability = state.person, state.disability or Disability()
    current: dict[str, object] = {
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "gender": person.gender,
        "personal_id": person.personal_id,
        "ethnicity_code": person.ethnicity_code,
        "phone": person.contact.phone,
        "address": person.contact.address,
        "disability_type_code": disability.type_code,
        "disability_level_code": disability.level_code,
        "payment": state.payment,
    }
    same = {name: None for name in update.given() if getattr(update, name) == current[name]}
    reduced = replace(update, **same)
    if reduced.payment is not None and reduced.apply_to_payment(state.payment) == state.payment:
        reduced = replace(reduced, payment=None)
    return reduced


def _change(
    cmd: RecordCommand,
    deps: Dependencies,
    changed_fields: set[str] | None,
    build: Builder,
    from_month: Month | None,
) -> bool:
    """Load, check access, append the change, keep index and entitlement in step, commit."""
    with deps.uow(cmd.province_code) as uow:
        record = uow.records.get(cmd.record_id)
        if record is None:
            raise RecordNotFound(cmd.record_id)
        before = record.state
        change = build(before, deps.actor(cmd.principal), deps.clock())
        if change is None:
            deps.access.require_read(cmd.principal, before.person)
            return False
        if isinstance(change, InformationChange):
            changed_fields = set(change.update.changed_fields())
            if change.decision is not None:  # a policy field: officials only (issue 9)
                changed_fields.add("decision")
        deps.access.require_write(cmd.principal, before.person, changed_fields or set())
        record.record_change(change)
        sync_index(uow.index, record.record_id, record.province_code, before, record.state)
        if from_month is not None:
            refresh_entitlement(uow, record, from_month)
        uow.commit()
    return True
