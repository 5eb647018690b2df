"""Tăng mới: register a beneficiary record (or load one already paid before the platform)."""

from __future__ import annotations

from datetime import datetime

from ansinh_common.errors import FieldError
from registry.domain.actor import Actor
from registry.domain.changes import ChangeKind, NewBeneficiary
from registry.domain.commands import RegisterBeneficiary
from registry.domain.errors import InvalidRecord
from registry.domain.model import BeneficiaryRecord
from registry.domain.months import Month
from registry.domain.rules.decision_required import require_decision
from registry.domain.rules.field_policy import PERSONAL_FIELDS, POLICY_FIELDS
from registry.domain.rules.payment_months import start_month
from registry.domain.validation import residence_errors
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.handlers.entitlement import refresh_entitlement
from registry.service_layer.handlers.index_sync import sync_index


def register_beneficiary(cmd: RegisterBeneficiary, deps: Dependencies) -> str:
    """Create the record in the person's province; returns its id (same id on a retry)."""
    unit_errors = residence_errors(cmd.person.residence, "person.residence")
    if unit_errors:  # an unknown unit cannot be scoped: say what is wrong with it first
        raise InvalidRecord(errors=unit_errors)
    deps.access.require_write(cmd.principal, cmd.person, PERSONAL_FIELDS | POLICY_FIELDS)
    change = new_beneficiary_change(cmd, deps.actor(cmd.principal), deps.clock())
    province = cmd.person.residence.province_code
    with deps.uow(province) as uow:
        if cmd.record_id is not None and uow.records.get(cmd.record_id) is not None:
            return cmd.record_id
        record_id = cmd.record_id or deps.new_id()
        record = BeneficiaryRecord.register(record_id, province, change)
        sync_index(uow.index, record_id, province, None, record.state)
        uow.records.add(record)
        refresh_entitlement(uow, record, record.state.start_month)
        uow.commit()
    return record_id


def new_beneficiary_change(cmd: RegisterBeneficiary, actor: Actor, now: datetime) -> NewBeneficiary:
    """The first change of the record; the start month follows Art. 8 unless ``imported``."""
    first = _start_month(cmd)
    decided_on = cmd.decision.signed_on if cmd.decision else None
    effective_on = first.first_day()
    if decided_on is not None and decided_on < effective_on:
        effective_on = decided_on  # in force from the decision, paid from the start month
    return NewBeneficiary(
        effective_on=effective_on, reason=cmd.reason, actor=actor, recorded_at=now,
        decision=cmd.decision, person=cmd.person, category=cmd.category,
        coefficient=cmd.coefficient, start_month=first, disability=cmd.disability,
        care_support=cmd.care_support, payment=cmd.payment, imported=cmd.imported,
        paid_through=cmd.paid_through if cmd.imported else None,
    )  # fmt: skip


def _start_month(cmd: RegisterBeneficiary) -> Month:
    if cmd.imported:
        if cmd.start_month is None:
            error = FieldError("start_month", "Thiếu tháng bắt đầu hưởng.", "required")
            raise InvalidRecord(errors=[error])
        return cmd.start_month
    decision = require_decision(ChangeKind.NEW, cmd.decision)
    assert decision is not None and decision.signed_on is not None
    rule = start_month(cmd.category, cmd.person, decision.signed_on, cmd.disability)
    return cmd.start_month or rule  # a different given month is refused by the aggregate
