"""The beneficiary record (hồ sơ đối tượng): the registry's aggregate.

A record is its history: an append-only tuple of changes (biến động). Its state on any date is
the fold of that history (``as_of``). Every accepted change bumps ``version`` and adds an
event to ``events``; the unit of work writes those events to the outbox in the same commit.

The current state (the fold of the whole history) is cached with the history it was folded
from: ``state``, ``personal_id`` and ``entitlement`` are read many times per use case, and
the history only ever changes in ``append``, which replaces the cache. As-of queries
(``as_of``, ``for_month``) fold up to their date every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from registry.domain.as_of import apply, state_as_of, state_for_month
from registry.domain.change_checks import change_errors
from registry.domain.change_events import event_for
from registry.domain.changes import (
    AnyChange,
    CoefficientChange,
    Death,
    InformationChange,
    NewBeneficiary,
    Stop,
)
from registry.domain.data_quality import Finding, findings
from registry.domain.errors import InvalidRecord
from registry.domain.events import EntitlementChanged, Event
from registry.domain.months import Month
from registry.domain.move import MoveProgress
from registry.domain.payment_profile import payment_profile_of
from registry.domain.reporting_profile import profile_of
from registry.domain.rules.decision_required import require_change_decision
from registry.domain.rules.highest_coefficient import Entitlement, PaidSelection
from registry.domain.state import RecordState


class BeneficiaryRecord:
    """One person in one category in one province, with everything that happened to it."""

    def __init__(
        self,
        record_id: str,
        province_code: str,
        history: Sequence[AnyChange] = (),
        *,
        version: int = 0,
        move: MoveProgress | None = None,
    ) -> None:
        self.record_id = record_id
        self.province_code = province_code
        self._history: tuple[AnyChange, ...] = tuple(history)
        self.version = version
        self.move = move  # saga progress of the latest move out of this record, if any
        self.events: list[Event] = []
        # (history, its fold): valid while ``self._history`` is that very tuple
        self._folded: tuple[tuple[AnyChange, ...], RecordState | None] | None = None

    @classmethod
    def register(
        cls, record_id: str, province_code: str, change: NewBeneficiary
    ) -> BeneficiaryRecord:
        """Tăng mới: a new record from its first change."""
        record = cls(record_id, province_code)
        record.append(change)
        return record

    @property
    def history(self) -> tuple[AnyChange, ...]:
        """The changes in recording order; read-only (a tuple), only ``append`` extends it."""
        return self._history

    @property
    def state(self) -> RecordState:
        """The state after every change recorded so far."""
        state = self._current()
        if state is None:
            raise LookupError(f"record {self.record_id} has no history")
        return state

    def _current(self) -> RecordState | None:
        """The fold of the whole history, from the cache when the history is unchanged."""
        folded = self._folded
        if folded is not None and folded[0] is self._history:
            return folded[1]
        state = state_as_of(self._history)
        self._folded = (self._history, state)
        return state

    def as_of(self, day: date) -> RecordState | None:
        """The record as it stood on ``day`` (``None`` if it did not exist yet)."""
        return state_as_of(self._history, day)

    def for_month(self, month: Month) -> RecordState | None:
        """The state at the end of ``month``: what that month's payment is computed from."""
        return state_for_month(self._history, month)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Data-quality findings of the current state (shown, never blocking)."""
        return findings(self.state)

    @property
    def personal_id(self) -> str | None:
        return self.state.person.personal_id

    def entitlement(self) -> Entitlement:
        state = self.state
        return Entitlement(self.record_id, state.category, state.coefficient)

    def record_change(self, change: Death | Stop | InformationChange | CoefficientChange) -> None:
        """Cắt chết, thôi hưởng, thay đổi thông tin, thay đổi hệ số hưởng."""
        self.append(change)

    def append(self, change: AnyChange, *, emit: bool = True) -> None:
        """Validate ``change`` and add it to the history (the only way the history grows).

        Refused with :class:`MissingDecision` (benefit change without a decision),
        :class:`InvalidRecord` (bad content) or :class:`ChangeNotAllowed` (the history,
        replayed with the change in its chronological place, does not hold together).
        """
        require_change_decision(change)
        current = self._current()
        errors = change_errors(current, change, self.province_code)
        if errors:
            raise InvalidRecord(errors=errors)
        history = (*self._history, change)
        if all(c.effective_on <= change.effective_on for c in self._history):
            # it lands last in chronological order: the fold goes on from the current state
            after = apply(current, change)
        else:  # effective before a later change: replay the whole history
            replayed = state_as_of(history)
            assert replayed is not None
            after = replayed
        self._history = history
        self._folded = (history, after)
        self.version += 1
        event = event_for(self.record_id, self.province_code, self.version, after, change)
        if emit and event is not None:
            self.events.append(self.stamped(event, after))

    def set_move(self, progress: MoveProgress, event: Event | None = None) -> None:
        """Advance the move saga's state on this record (see ``move_saga``)."""
        self.move = progress
        self.version += 1
        if event is not None:
            self.events.append(self.stamped(event))

    def stamped(self, event: Event, state: RecordState | None = None) -> Event:
        """``event`` with the record's reporting and payment profiles after ``state`` (the
        current state by default; ADR 0022, 0027)."""
        if state is None:
            state = self._current()
        if state is None:
            return event
        return replace(
            event, profile=profile_of(state), payment=payment_profile_of(state, self._history)
        )

    def note_entitlement(self, selection: PaidSelection, from_month: Month) -> None:
        """Tell the payment side what the person is paid now (Art. 6.2 applied by the caller
        over all of the person's active records)."""
        pid = self.personal_id
        if pid is None:
            return
        self.events.append(
            EntitlementChanged(
                record_id=self.record_id,
                province_code=self.province_code,
                version=self.version,
                personal_id=pid,
                from_month=from_month,
                paid_record_ids=tuple(e.record_id for e in selection.paid),
                coefficient=selection.coefficient,
            )
        )
