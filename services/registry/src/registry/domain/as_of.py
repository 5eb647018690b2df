"""As-of queries: the record as it stood on a date, by folding its history up to that date.

Changes are folded in order of (effective date, position in the history), so a change
recorded late but effective earlier (a death reported weeks after) lands where it belongs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from registry.domain.changes import (
    AnyChange,
    CoefficientChange,
    Death,
    InformationChange,
    MoveCancelled,
    MoveIn,
    MoveOut,
    NewBeneficiary,
    Stop,
)
from registry.domain.decision import Decision
from registry.domain.errors import ChangeNotAllowed
from registry.domain.months import Month
from registry.domain.state import RecordState
from registry.domain.status import RecordStatus


def chronological(history: Sequence[AnyChange]) -> list[AnyChange]:
    """The history ordered by effective date, ties kept in recording order."""
    return [c for _, c in sorted(enumerate(history), key=lambda p: (p[1].effective_on, p[0]))]


def state_as_of(history: Sequence[AnyChange], day: date | None = None) -> RecordState | None:
    """The state on ``day`` (all changes if ``None``); ``None`` if the record did not exist."""
    state: RecordState | None = None
    for change in chronological(history):
        if day is not None and change.effective_on > day:
            break
        state = apply(state, change)
    return state


def state_for_month(history: Sequence[AnyChange], month: Month) -> RecordState | None:
    """The state at the end of ``month``: what that month's payment is computed from."""
    return state_as_of(history, month.next().first_day() - timedelta(days=1))


def apply(state: RecordState | None, change: AnyChange) -> RecordState:
    """One step of the fold; raises :class:`ChangeNotAllowed` if ``change`` cannot follow."""
    if isinstance(change, NewBeneficiary):
        if state is not None:
            raise _refused(change, "hồ sơ đã tồn tại")
        return RecordState(
            person=change.person,
            category=change.category,
            coefficient=change.coefficient,
            decision=_decision(change),
            start_month=change.start_month,
            disability=change.disability,
            care_support=change.care_support,
            payment=change.payment,
        )
    if isinstance(change, MoveIn):
        if state is None or state.status is not RecordStatus.MOVED_OUT:
            raise _refused(change, "hồ sơ chưa được chuyển đi từ nơi cũ")
        assert state.end_month is not None
        person = replace(state.person, residence=change.residence)
        return replace(
            state,
            person=person,
            status=RecordStatus.ACTIVE,
            start_month=state.end_month.next(),
            end_month=None,
            decision=_decision(change),
        )
    if state is None:
        raise _refused(change, "hồ sơ chưa có hiệu lực vào ngày này")
    if isinstance(change, InformationChange):
        update = change.update
        return replace(
            state,
            person=update.apply_to_person(state.person),
            disability=update.apply_to_disability(state.disability),
            payment=update.apply_to_payment(state.payment),
        )
    if isinstance(change, MoveCancelled):
        if state.status is not RecordStatus.MOVED_OUT:
            raise _refused(change, "hồ sơ không ở trạng thái đã chuyển đi")
        return replace(state, status=RecordStatus.ACTIVE, end_month=None)
    if not state.active:
        raise _refused(change, f"hồ sơ đang ở trạng thái '{state.status.label}'")
    if isinstance(change, CoefficientChange):
        return replace(
            state,
            coefficient=change.coefficient,
            category=change.category or state.category,
            disability=change.disability or state.disability,
            care_support=(
                state.care_support if change.care_support is None else change.care_support
            ),
            decision=_decision(change),
        )
    status = _ENDING[change.kind]
    return replace(
        state, status=status, end_month=Month.of(change.effective_on), decision=_decision(change)
    )


_ENDING = {
    Death.kind: RecordStatus.DECEASED,
    Stop.kind: RecordStatus.STOPPED,
    MoveOut.kind: RecordStatus.MOVED_OUT,
}


def _decision(change: AnyChange) -> Decision | None:
    return change.decision


def _refused(change: AnyChange, why: str) -> ChangeNotAllowed:
    return ChangeNotAllowed(
        f"Không thể ghi biến động '{change.kind.label}' hiệu lực ngày "
        f"{change.effective_on:%d/%m/%Y}: {why}."
    )
