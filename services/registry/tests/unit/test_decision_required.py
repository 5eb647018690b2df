"""No benefit change without a decision (Decree 20/2021 Art. 8; Circular 11/2019 Art. 4.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.changes import ChangeKind, Death
from registry.domain.commands import (
    ChangeCoefficient,
    ChangeInformation,
    RecordDeath,
    RequestMove,
    StopBenefit,
)
from registry.domain.data_quality import FindingCode
from registry.domain.decision import Decision
from registry.domain.errors import MissingDecision
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.rules import decision_required

from .builders import ACTOR, CAO_BANG, HANOI_OFFICER, NOW, World, decision, record, register


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert "Decree 20/2021/NĐ-CP Art. 8" in decision_required.LEGAL_BASIS
    assert "Circular 11/2019/TT-BLĐTBXH Art. 4.3" in decision_required.LEGAL_BASIS


def test_every_kind_but_information_change_needs_a_decision() -> None:
    assert {k for k in ChangeKind if not k.needs_decision} == {ChangeKind.INFORMATION}


def test_new_beneficiary_without_decision_is_refused() -> None:
    with pytest.raises(MissingDecision) as exc:
        World().handle(register(decision=None))
    assert exc.value.errors[0].field == "decision"
    assert "tăng mới" in exc.value.detail


@pytest.mark.parametrize(
    ("blank", "field"),
    [
        (Decision("", date(2025, 8, 20), "01"), "decision.number"),
        (Decision("12/QĐ", None, "01"), "decision.signed_on"),
        (Decision("12/QĐ", date(2025, 8, 20), " "), "decision.signing_unit_code"),
    ],
)
def test_a_decision_needs_number_date_and_signing_unit(blank: Decision, field: str) -> None:
    with pytest.raises(MissingDecision) as exc:
        World().handle(register(decision=blank))
    assert [e.field for e in exc.value.errors] == [field]


def test_death_without_decision_is_refused_in_the_domain() -> None:
    rec = record()
    death = Death(effective_on=date(2025, 9, 1), reason="Chết", actor=ACTOR, recorded_at=NOW)
    with pytest.raises(MissingDecision):
        rec.append(death)
    assert len(rec.history) == 1


def test_benefit_changes_without_decision_are_refused_by_the_use_cases() -> None:
    world = World()
    rid = world.handle(register())
    common = {"principal": HANOI_OFFICER, "record_id": rid, "province_code": "01"}
    refused = [
        RecordDeath(**common, died_on=date(2025, 9, 2), decision=None),
        StopBenefit(**common, stopped_on=date(2025, 9, 2), decision=None, reason="x"),
        ChangeCoefficient(
            **common, coefficient=Decimal("1.5"), condition_met_on=date(2025, 9, 2), decision=None
        ),
        RequestMove(
            **common, destination=CAO_BANG, effective_on=date(2025, 9, 2),
            move_out_decision=decision(), move_in_decision=None,
        ),
    ]  # fmt: skip
    for command in refused:
        with pytest.raises(MissingDecision):
            world.handle(command)
    assert len(world.stored("01", rid).history) == 1


def test_information_change_needs_no_decision() -> None:
    world = World()
    rid = world.handle(register())
    changed = world.handle(
        ChangeInformation(
            principal=HANOI_OFFICER, record_id=rid, province_code="01",
            update=InformationUpdate(phone="0987654321"), effective_on=date(2025, 9, 10),
        )
    )  # fmt: skip
    assert changed is True


def test_a_record_loaded_from_the_legacy_database_may_lack_its_decision() -> None:
    world = World()
    rid = world.handle(register(decision=None, imported=True, start_month=Month(2019, 5)))
    found = {f.code for f in world.stored("01", rid).findings}
    assert {FindingCode.DECISION_NUMBER_MISSING, FindingCode.DECISION_DATE_MISSING} <= found
