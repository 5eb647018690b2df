"""The event each change emits (to the outbox, with the change, in one commit)."""

from __future__ import annotations

from registry.domain.changes import (
    AnyChange,
    CoefficientChange,
    Death,
    InformationChange,
    MoveCancelled,
    MoveIn,
    NewBeneficiary,
    Stop,
)
from registry.domain.events import (
    BeneficiaryDied,
    BeneficiaryMovedIn,
    BeneficiaryRegistered,
    BenefitStopped,
    CoefficientChanged,
    Event,
    InformationChanged,
)
from registry.domain.events import MoveCancelled as MoveCancelledEvent
from registry.domain.rules.payment_months import last_paid_month, rate_change_month
from registry.domain.state import RecordState


def event_for(
    record_id: str, province_code: str, version: int, state: RecordState, change: AnyChange
) -> Event | None:
    """The event of ``change`` (``None`` for MoveOut: its step emits the saga event)."""
    r, p, v = record_id, province_code, version
    match change:
        case NewBeneficiary():
            return BeneficiaryRegistered(
                record_id=r,
                province_code=p,
                version=v,
                category_code=state.category.code,
                coefficient=state.coefficient,
                start_month=state.start_month,
                decision=state.decision,
                imported=change.imported,
            )
        case Death():
            died = change.effective_on
            return BeneficiaryDied(
                record_id=r,
                province_code=p,
                version=v,
                died_on=died,
                last_paid_month=last_paid_month(died),
            )
        case Stop():
            on = change.effective_on
            return BenefitStopped(
                record_id=r,
                province_code=p,
                version=v,
                stopped_on=on,
                last_paid_month=last_paid_month(on),
                reason=change.reason,
            )
        case InformationChange():
            fields = tuple(sorted(change.update.changed_fields()))
            return InformationChanged(
                record_id=r,
                province_code=p,
                version=v,
                changed_fields=fields,
                effective_on=change.effective_on,
            )
        case CoefficientChange():
            return CoefficientChanged(
                record_id=r,
                province_code=p,
                version=v,
                category_code=state.category.code,
                coefficient=state.coefficient,
                from_month=rate_change_month(change.effective_on),
            )
        case MoveIn():
            return BeneficiaryMovedIn(
                record_id=r,
                province_code=p,
                version=v,
                move_id=change.move_id,
                origin_record_id=change.origin_record_id,
                origin_province_code=change.origin_province_code,
                start_month=state.start_month,
            )
        case MoveCancelled():
            return MoveCancelledEvent(
                record_id=r,
                province_code=p,
                version=v,
                move_id=change.move_id,
                reason=change.reason,
            )
    return None
