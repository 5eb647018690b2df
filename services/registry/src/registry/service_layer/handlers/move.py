"""The move saga between provinces (chuyển đi / chuyển đến), one handler per step.

``RequestMove`` (origin) → ``MoveRequested`` → ``on_move_requested`` (origin: MoveOut,
``BeneficiaryMovedOut`` with the history) → ``on_moved_out`` (destination: new record with the
history + MoveIn, index relocated, ``BeneficiaryMovedIn``; or ``MoveInRejected``) →
``on_moved_in`` (origin: ``MoveCompleted``) / ``on_move_in_rejected`` (origin: MoveCancelled).
Events travel through each shard's outbox and Kafka; every step is idempotent.
"""

from __future__ import annotations

from ansinh_common.errors import DomainError
from registry.domain import move_saga
from registry.domain.actor import Actor
from registry.domain.changes import ChangeKind
from registry.domain.commands import RequestMove
from registry.domain.errors import RecordNotFound
from registry.domain.events import (
    BeneficiaryMovedIn,
    BeneficiaryMovedOut,
    MoveInRejected,
    MoveRequested,
)
from registry.domain.model import BeneficiaryRecord
from registry.domain.move import MoveProgress
from registry.domain.rules.decision_required import require_decision
from registry.domain.rules.one_active_per_category import IndexEntry, check_can_move_in
from registry.domain.rules.payment_months import stops_from
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.handlers.entitlement import refresh_entitlement
from registry.service_layer.unit_of_work import AbstractUnitOfWork

SAGA_ACTOR = Actor.system("move-saga")


def request_move(cmd: RequestMove, deps: Dependencies) -> str:
    """Step 1 (origin shard); returns the move id."""
    move_out_decision = require_decision(ChangeKind.MOVE_OUT, cmd.move_out_decision)
    move_in_decision = require_decision(ChangeKind.MOVE_IN, cmd.move_in_decision)
    assert move_out_decision is not None and move_in_decision is not None
    with deps.uow(cmd.province_code) as uow:
        record = _get(uow, cmd.record_id)
        deps.access.require_write(cmd.principal, record.state.person, {"status"})
        move_id = cmd.move_id or deps.new_id()
        progress = MoveProgress(
            move_id=move_id, destination=cmd.destination, effective_on=cmd.effective_on,
            reason=cmd.reason, move_out_decision=move_out_decision,
            move_in_decision=move_in_decision,
        )  # fmt: skip
        move_saga.request_move(record, progress, deps.actor(cmd.principal))
        uow.commit()
    return move_id


def on_move_requested(event: MoveRequested, deps: Dependencies) -> None:
    """Step 2 (origin shard): the MoveOut change; the history leaves with the event."""
    with deps.uow(event.province_code) as uow:
        record = _get(uow, event.record_id)
        move_saga.move_out(record, event.move_id, event.actor, deps.clock())
        uow.commit()


def on_moved_out(event: BeneficiaryMovedOut, deps: Dependencies) -> None:
    """Step 3 (destination shard): create the record here, or say why not."""
    province = event.destination.province_code
    try:
        with deps.uow(province) as uow:
            if uow.records.by_move_in(event.move_id) is not None:
                return
            record = move_saga.move_in(deps.new_id(), event, event.actor, deps.clock())
            _relocate_index(uow, record, event)
            uow.records.add(record)
            refresh_entitlement(uow, record, record.state.start_month)
            uow.commit()
    except DomainError as exc:
        with deps.uow(province) as uow:
            uow.publish(
                MoveInRejected(
                    record_id=event.record_id, province_code=event.province_code,
                    version=event.version, move_id=event.move_id,
                    destination_province_code=province, reason=exc.detail,
                )
            )  # fmt: skip
            uow.commit()


def on_moved_in(event: BeneficiaryMovedIn, deps: Dependencies) -> None:
    """Step 4 (origin shard): close the saga; the old record points at the new one."""
    with deps.uow(event.origin_province_code) as uow:
        record = _get(uow, event.origin_record_id)
        move_saga.complete_move(record, event.move_id, event.record_id, event.province_code)
        uow.commit()


def on_move_in_rejected(event: MoveInRejected, deps: Dependencies) -> None:
    """Compensation (origin shard): the record is active here again (index never moved)."""
    with deps.uow(event.province_code) as uow:
        record = _get(uow, event.record_id)
        if move_saga.cancel_move(record, event.move_id, event.reason, SAGA_ACTOR, deps.clock()):
            assert record.move is not None
            refresh_entitlement(uow, record, stops_from(record.move.effective_on))
        uow.commit()


def _relocate_index(
    uow: AbstractUnitOfWork, record: BeneficiaryRecord, event: BeneficiaryMovedOut
) -> None:
    personal_id = record.personal_id
    if personal_id is None:
        return
    category = record.state.category.code
    check_can_move_in(uow.index.find(personal_id), category, event.record_id)
    entry = IndexEntry(personal_id, category, record.province_code, record.record_id)
    uow.index.relocate(entry, from_record_id=event.record_id)


def _get(uow: AbstractUnitOfWork, record_id: str) -> BeneficiaryRecord:
    record = uow.records.get(record_id)
    if record is None:
        raise RecordNotFound(record_id)
    return record
