"""The steps of a move between provinces, as domain functions over records.

1. ``request_move`` (origin): both decisions signed → ``MoveRequested``.
2. ``move_out`` (origin, on MoveRequested): MoveOut change, payment stops after the move
   month → ``BeneficiaryMovedOut`` carrying the full history.
3. ``move_in`` (destination, on BeneficiaryMovedOut): a new record with that history plus a
   MoveIn change → ``BeneficiaryMovedIn`` (or the service layer emits ``MoveInRejected``).
4. ``complete_move`` (origin, on BeneficiaryMovedIn) → ``MoveCompleted``;
   ``cancel_move`` (origin, on MoveInRejected): MoveCancelled change → ``MoveCancelled``.
Each step is idempotent: a repeated event finds the saga past that step and does nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from registry.domain.actor import Actor
from registry.domain.changes import ChangeKind, MoveCancelled, MoveIn, MoveOut
from registry.domain.errors import ChangeNotAllowed, InvalidRecord
from registry.domain.events import BeneficiaryMovedOut, MoveCompleted, MoveRequested
from registry.domain.events import MoveCancelled as MoveCancelledEvent
from registry.domain.model import BeneficiaryRecord
from registry.domain.move import MoveProgress, MoveStage
from registry.domain.rules.decision_required import require_decision
from registry.domain.validation import residence_errors

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8 (move of residence)"


def request_move(record: BeneficiaryRecord, progress: MoveProgress, actor: Actor) -> None:
    if record.move is not None and record.move.move_id == progress.move_id:
        return  # a retry of a request already taken (same move id): idempotent, nothing to do
    if record.move is not None and record.move.open:
        raise ChangeNotAllowed("Hồ sơ đang trong quá trình chuyển đi.")
    state = record.state
    if not state.active:
        raise ChangeNotAllowed(f"Hồ sơ đang ở trạng thái '{state.status.label}'.")
    require_decision(ChangeKind.MOVE_OUT, progress.move_out_decision)
    require_decision(ChangeKind.MOVE_IN, progress.move_in_decision)
    errors = residence_errors(progress.destination, "destination")
    if not errors and progress.destination == state.person.residence:
        raise ChangeNotAllowed("Nơi chuyển đến trùng nơi cư trú hiện tại.")
    if errors:
        raise InvalidRecord(errors=errors)
    progress = replace(progress, stage=MoveStage.REQUESTED)
    record.set_move(progress)
    record.events.append(
        record.stamped(MoveRequested(
            record_id=record.record_id, province_code=record.province_code,
            version=record.version, move_id=progress.move_id,
            destination=progress.destination, effective_on=progress.effective_on,
            reason=progress.reason, move_out_decision=progress.move_out_decision,
            move_in_decision=progress.move_in_decision, actor=actor,
        ))
    )  # fmt: skip


def move_out(record: BeneficiaryRecord, move_id: str, actor: Actor, recorded_at: datetime) -> bool:
    """Record the MoveOut; ``False`` if already done. If the record ended meanwhile (death,
    stop), the saga is cancelled instead."""
    progress = _progress(record, move_id)
    if progress.stage is not MoveStage.REQUESTED:
        return False
    change = MoveOut(
        effective_on=progress.effective_on, reason=progress.reason, actor=actor,
        recorded_at=recorded_at, decision=progress.move_out_decision, move_id=move_id,
        destination=progress.destination,
    )  # fmt: skip
    try:
        record.append(change)
    except ChangeNotAllowed as exc:
        cancelled = replace(progress, stage=MoveStage.CANCELLED)
        record.set_move(cancelled, _cancelled_event(record, move_id, exc.detail))
        return False
    record.set_move(replace(progress, stage=MoveStage.MOVED_OUT))
    record.events.append(
        record.stamped(BeneficiaryMovedOut(
            record_id=record.record_id, province_code=record.province_code,
            version=record.version, move_id=move_id, destination=progress.destination,
            history=record.history, move_in_decision=progress.move_in_decision,
            effective_on=progress.effective_on, reason=progress.reason, actor=actor,
        ))
    )  # fmt: skip
    return True


def move_in(
    record_id: str, moved_out: BeneficiaryMovedOut, actor: Actor, recorded_at: datetime
) -> BeneficiaryRecord:
    """The record in the destination province: the travelling history plus a MoveIn."""
    province = moved_out.destination.province_code
    record = BeneficiaryRecord(record_id, province, moved_out.history)
    record.append(
        MoveIn(
            effective_on=moved_out.effective_on, reason=moved_out.reason, actor=actor,
            recorded_at=recorded_at, decision=moved_out.move_in_decision,
            move_id=moved_out.move_id, origin_province_code=moved_out.province_code,
            origin_record_id=moved_out.record_id, residence=moved_out.destination,
        )
    )  # fmt: skip
    return record


def complete_move(
    record: BeneficiaryRecord, move_id: str, new_record_id: str, new_province_code: str
) -> bool:
    progress = _progress(record, move_id)
    if progress.stage is not MoveStage.MOVED_OUT:
        return False
    done = replace(
        progress,
        stage=MoveStage.COMPLETED,
        new_record_id=new_record_id,
        new_province_code=new_province_code,
    )
    event = MoveCompleted(
        record_id=record.record_id, province_code=record.province_code,
        version=record.version + 1, move_id=move_id, new_record_id=new_record_id,
        new_province_code=new_province_code,
    )  # fmt: skip
    record.set_move(done, event)
    return True


def cancel_move(
    record: BeneficiaryRecord, move_id: str, reason: str, actor: Actor, recorded_at: datetime
) -> bool:
    """Compensation: the destination refused; the record is active here again."""
    progress = _progress(record, move_id)
    if progress.stage is not MoveStage.MOVED_OUT:
        return False
    record.append(
        MoveCancelled(
            effective_on=progress.effective_on, reason=reason, actor=actor,
            recorded_at=recorded_at, decision=progress.move_out_decision, move_id=move_id,
        )
    )  # fmt: skip
    record.set_move(replace(progress, stage=MoveStage.CANCELLED))
    return True


def _progress(record: BeneficiaryRecord, move_id: str) -> MoveProgress:
    if record.move is None or record.move.move_id != move_id:
        raise ChangeNotAllowed(f"Hồ sơ {record.record_id} không có yêu cầu chuyển {move_id}.")
    return record.move


def _cancelled_event(record: BeneficiaryRecord, move_id: str, reason: str) -> MoveCancelledEvent:
    return MoveCancelledEvent(
        record_id=record.record_id, province_code=record.province_code,
        version=record.version + 1, move_id=move_id, reason=reason,
    )  # fmt: skip
