"""The history of changes is append-only; every change carries date, reason, decision, actor
and emits its event."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from registry.domain import model
from registry.domain.as_of import state_as_of
from registry.domain.category import CategoryRef
from registry.domain.changes import (
    ChangeKind,
    CoefficientChange,
    Death,
    InformationChange,
    Stop,
)
from registry.domain.errors import ChangeNotAllowed, InvalidRecord
from registry.domain.events import (
    BeneficiaryDied,
    BeneficiaryRegistered,
    BenefitStopped,
    CoefficientChanged,
    InformationChanged,
)
from registry.domain.information import InformationUpdate
from registry.domain.model import BeneficiaryRecord
from registry.domain.status import RecordStatus

from .builders import ACTOR, NOW, decision, record


def death(on: date = date(2025, 10, 5)) -> Death:
    return Death(
        effective_on=on, reason="Chết", actor=ACTOR, recorded_at=NOW,
        decision=decision(date(2025, 10, 20)),
    )  # fmt: skip


def info(on: date, **update: object) -> InformationChange:
    return InformationChange(
        effective_on=on, reason="Cập nhật", actor=ACTOR, recorded_at=NOW,
        update=InformationUpdate(**update),  # type: ignore[arg-type]
    )  # fmt: skip


def test_each_change_appends_one_entry_and_keeps_the_earlier_ones() -> None:
    rec = record()
    first = rec.history[0]
    rec.append(info(date(2025, 9, 1), phone="0900000002"))
    rec.append(death())
    assert [c.kind for c in rec.history] == [
        ChangeKind.NEW,
        ChangeKind.INFORMATION,
        ChangeKind.DEATH,
    ]
    assert rec.history[0] is first
    assert rec.version == 3


def test_the_history_cannot_be_edited_in_place() -> None:
    rec = record()
    assert isinstance(rec.history, tuple)
    with pytest.raises(AttributeError):
        rec.history = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.history[0].reason = "sửa"  # type: ignore[misc]


def test_every_change_keeps_date_reason_decision_and_actor() -> None:
    rec = record()
    rec.append(death())
    last = rec.history[-1]
    assert (last.effective_on, last.reason, last.actor) == (date(2025, 10, 5), "Chết", ACTOR)
    assert last.decision == decision(date(2025, 10, 20))


def test_a_refused_change_leaves_history_version_and_events_unchanged() -> None:
    rec = record()
    rec.append(death())
    before = (rec.history, rec.version, list(rec.events))
    stop = Stop(effective_on=date(2025, 11, 1), reason="x", actor=ACTOR, recorded_at=NOW,
                decision=decision())  # fmt: skip
    with pytest.raises(ChangeNotAllowed) as exc:
        rec.append(stop)
    assert "đã chết" in exc.value.detail
    assert (rec.history, rec.version, rec.events) == before


def test_information_can_still_be_corrected_after_death() -> None:
    rec = record()
    rec.append(death())
    rec.append(info(date(2025, 11, 1), full_name="Nguyễn Thị Ân"))
    assert rec.state.status is RecordStatus.DECEASED
    assert rec.state.person.full_name == "Nguyễn Thị Ân"


def test_a_change_before_the_record_existed_is_refused() -> None:
    with pytest.raises(ChangeNotAllowed):
        record().append(death(date(2020, 1, 1)))


def test_a_late_reported_death_lands_at_its_date_and_later_benefit_changes_conflict() -> None:
    rec = record()
    rec.append(info(date(2025, 11, 3), phone="0900000003"))
    rec.append(death(date(2025, 10, 5)))  # reported after the information change
    assert rec.as_of(date(2025, 10, 31)).status is RecordStatus.DECEASED  # type: ignore[union-attr]
    raise_coefficient = CoefficientChange(
        effective_on=date(2025, 9, 1), reason="x", actor=ACTOR, recorded_at=NOW,
        decision=decision(), coefficient=Decimal("2.0"), category=CategoryRef("5.5a", "from_80"),
    )  # fmt: skip
    rec.append(raise_coefficient)  # before the death: fine
    stop_after_death = Stop(effective_on=date(2025, 12, 1), reason="x", actor=ACTOR,
                            recorded_at=NOW, decision=decision())  # fmt: skip
    with pytest.raises(ChangeNotAllowed):
        rec.append(stop_after_death)


def test_each_change_emits_its_event_with_the_version() -> None:
    rec = record()
    rec.append(info(date(2025, 9, 1), phone="0900000004"))
    rec.append(
        CoefficientChange(
            effective_on=date(2025, 9, 2), reason="x", actor=ACTOR, recorded_at=NOW,
            decision=decision(), coefficient=Decimal("2.0"),
        )
    )  # fmt: skip
    rec.append(death())
    kinds = [type(e) for e in rec.events]
    assert kinds == [BeneficiaryRegistered, InformationChanged, CoefficientChanged, BeneficiaryDied]
    assert [e.version for e in rec.events] == [1, 2, 3, 4]
    assert rec.events[1].changed_fields == ("contact.phone",)  # type: ignore[attr-defined]


def test_stop_emits_benefit_stopped() -> None:
    rec = record()
    rec.append(Stop(effective_on=date(2025, 9, 30), reason="Có việc làm", actor=ACTOR,
                    recorded_at=NOW, decision=decision()))  # fmt: skip
    assert isinstance(rec.events[-1], BenefitStopped)
    assert rec.state.status is RecordStatus.STOPPED


def test_content_errors_are_field_errors() -> None:
    rec = record()
    wrong = CoefficientChange(
        effective_on=date(2025, 9, 2), reason="x", actor=ACTOR, recorded_at=NOW,
        decision=decision(), coefficient=Decimal("3.0"),
    )  # fmt: skip
    with pytest.raises(InvalidRecord) as exc:
        rec.append(wrong)
    assert exc.value.errors[0].field == "coefficient"
    with pytest.raises(InvalidRecord):
        rec.append(info(date(2025, 9, 2)))  # nothing changes


def test_the_current_state_is_folded_once_per_history_and_refolded_after_append(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folds: list[int] = []

    def counting(history: Any, day: date | None = None) -> Any:
        folds.append(len(history))
        return state_as_of(history, day)

    history = record().history
    monkeypatch.setattr(model, "state_as_of", counting)
    rec = BeneficiaryRecord("rec-1", "01", history, version=1)  # as loaded from the database
    first = rec.state
    assert rec.state is first and rec.personal_id == first.person.personal_id
    assert rec.entitlement().coefficient == first.coefficient
    assert folds == [1]  # one fold for any number of reads
    rec.append(info(date(2025, 9, 1), phone="0900000005"))  # lands last: no replay
    assert rec.state is not first and rec.state.person.contact.phone == "0900000005"
    assert folds == [1]
    assert rec.state == state_as_of(rec.history)


def test_a_change_effective_before_a_later_one_replays_the_history() -> None:
    rec = record()
    rec.append(info(date(2025, 11, 3), phone="0900000006"))
    before = rec.state
    rec.append(death(date(2025, 10, 5)))  # lands before the information change
    assert rec.state == state_as_of(rec.history)
    assert rec.state.status is RecordStatus.DECEASED and before.active
    assert rec.state.person.contact.phone == "0900000006"


def test_as_of_queries_still_fold_up_to_their_date() -> None:
    rec = record()
    rec.append(info(date(2025, 10, 1), full_name="Nguyễn Thị Ân"))
    rec.append(death(date(2025, 11, 20)))
    assert rec.state.status is RecordStatus.DECEASED  # the cached current state
    on_oct_2 = rec.as_of(date(2025, 10, 2))
    assert on_oct_2 is not None and on_oct_2.active
    assert on_oct_2.person.full_name == "Nguyễn Thị Ân"
    on_sep_30 = rec.as_of(date(2025, 9, 30))
    assert on_sep_30 is not None and on_sep_30.person.full_name == "Nguyễn Thị An"
