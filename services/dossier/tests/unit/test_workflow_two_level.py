"""Two-level model (from 1 Jul 2025, Decree 147/2025/NĐ-CP Art. 5.1): the commune decides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ansinh_common.authz import Level, UnitModel
from dossier.domain import events as ev
from dossier.domain.errors import ActionOutOfOrder
from dossier.domain.stages import Stage

from .dossier_builders import (
    CATALOG,
    MODELS,
    UNITS,
    actor,
    at,
    commune_leader,
    commune_officer,
    received,
    stage_of,
    submitted,
)

RECEIVED = dt.date(2026, 3, 2)  # Monday, no holiday in March 2026


def test_commune_reviews_checks_population_and_its_chair_decides_within_ten_days() -> None:
    dossier = received(RECEIVED)
    assert dossier.plan is not None
    assert dossier.plan.model is UnitModel.TWO_LEVEL
    assert dossier.plan.deciding_level is Level.COMMUNE
    assert {p.unit_code for p in dossier.plan.steps} == {"00004"}
    assert stage_of(dossier) is Stage.IN_APPRAISAL
    assert dossier.expected_result_on(RECEIVED) == dt.date(2026, 3, 16)  # 10 working days

    officer = commune_officer(subject="can-bo-xa")
    with pytest.raises(ActionOutOfOrder, match="Chưa đối chiếu"):
        dossier.appraise(officer, at(dt.date(2026, 3, 3)), eligible=True)
    dossier.check_population(officer, at(dt.date(2026, 3, 3)), matched=True, reference="VNeID-42")
    dossier.appraise(
        officer,
        at(dt.date(2026, 3, 4)),
        eligible=True,
        category_code="5.5a",
        coefficient=Decimal("1.5"),
        amount=750_000,
    )
    dossier.approve(commune_officer(subject="pho-phong"), at(dt.date(2026, 3, 5)))
    dossier.decide(commune_leader(), at(dt.date(2026, 3, 6)), decision_number="45/QĐ-UBND")
    dossier.return_result(commune_officer(), at(dt.date(2026, 3, 9)))

    assert stage_of(dossier) is Stage.RESULT_RETURNED
    signed = next(e for e in dossier.events if isinstance(e, ev.DecisionSigned))
    assert (signed.signing_unit, signed.decision_date) == ("00004", dt.date(2026, 3, 6))
    assert sum(u.used_working_days for u in dossier.step_usage(dt.date(2026, 3, 9))) == 4


def test_a_mismatch_with_the_population_database_cannot_be_found_eligible() -> None:
    dossier = received(RECEIVED)
    officer = commune_officer(subject="can-bo-xa")
    dossier.check_population(officer, at(RECEIVED), matched=False, reference="VNeID-43")
    with pytest.raises(ActionOutOfOrder, match="không khớp"):
        dossier.appraise(
            officer, at(RECEIVED), eligible=True, category_code="5.5a", coefficient=Decimal("1.5")
        )
    dossier.appraise(officer, at(RECEIVED), eligible=False, note="Sai năm sinh so với CSDL dân cư")
    with pytest.raises(ActionOutOfOrder, match="chỉ có thể từ chối"):
        dossier.approve(commune_officer(subject="pho-phong"), at(RECEIVED))
    dossier.reject(commune_officer(subject="pho-phong"), at(RECEIVED), "Không đủ điều kiện")
    assert stage_of(dossier) is Stage.REJECTED
    assert dossier.refusal_reason == "Không đủ điều kiện"


def test_the_model_is_chosen_by_the_date_of_receipt_not_of_submission() -> None:
    dossier = submitted(dt.date(2025, 6, 30))
    dossier.receive(
        commune_officer(subject="mot-cua"),
        at(dt.date(2025, 7, 1)),
        procedure=CATALOG.get("tro-cap-xa-hoi-hang-thang"),
        units=UNITS,
        models=MODELS,
    )
    assert dossier.plan is not None and dossier.plan.model is UnitModel.TWO_LEVEL


def test_move_to_another_commune_is_decided_where_the_person_moves_to() -> None:
    procedure = CATALOG.get("chuyen-noi-o-trong-tinh")
    values = {
        "record_id": "rec-1",
        "full_name": "Nguyễn Thị Lan",
        "personal_id": "001150001234",
        "commune_code": "00004",
        "new_commune_code": "00007",
        "new_residence": "Tổ 3, phường mới",
        "moved_on": "2026-02-20",
    }
    dossier = received(
        RECEIVED, procedure=procedure, purpose="move_residence", form="CNO", values=values
    )
    assert dossier.plan is not None
    assert [p.unit_code for p in dossier.plan.steps] == ["00004", "00007", "00007"]
    dossier.forward(commune_officer(), at(dt.date(2026, 3, 3)))
    new_commune = commune_officer("00007", "xa-moi")
    dossier.check_population(new_commune, at(dt.date(2026, 3, 4)), matched=True, reference="r")
    dossier.appraise(new_commune, at(dt.date(2026, 3, 4)), eligible=True)
    dossier.approve(commune_officer("00007", "xa-moi-2"), at(dt.date(2026, 3, 5)))
    dossier.decide(commune_leader("00007"), at(dt.date(2026, 3, 6)), decision_number="7/QĐ")
    dossier.return_result(commune_officer("00007", "xa-moi-3"), at(dt.date(2026, 3, 6)))
    signed = next(e for e in dossier.events if isinstance(e, ev.DecisionSigned))
    assert (signed.effect, signed.commune_code, signed.destination_commune_code) == (
        "move_residence",
        "00004",
        "00007",
    )


def test_facility_admission_goes_up_to_the_province_in_the_two_level_model() -> None:
    procedure = CATALOG.get("tiep-nhan-vao-co-so")
    dossier = received(RECEIVED, procedure=procedure, purpose="admit_to_facility", form="1b")
    assert dossier.plan is not None
    assert [(p.step.level, p.unit_code) for p in dossier.plan.steps] == [
        (Level.COMMUNE, "00004"),
        (Level.PROVINCE, "01"),
        (Level.PROVINCE, "01"),
    ]
    officer = commune_officer()
    dossier.check_population(officer, at(RECEIVED), matched=True, reference="r")
    dossier.forward(officer, at(RECEIVED))
    province = actor("so-y-te", "province_officer", unit="01")
    dossier.appraise(province, at(dt.date(2026, 3, 3)), eligible=True)
    dossier.approve(actor("so-y-te-2", "province_officer", unit="01"), at(dt.date(2026, 3, 4)))
    dossier.decide(
        actor("giam-doc-so", "province_leader", unit="01"),
        at(dt.date(2026, 3, 5)),
        decision_number="1/QĐ-SYT",
    )
    assert stage_of(dossier) is Stage.DECIDED


def test_the_commune_cannot_forward_before_checking_the_population_database() -> None:
    procedure = CATALOG.get("tiep-nhan-vao-co-so")
    dossier = received(RECEIVED, procedure=procedure, purpose="admit_to_facility", form="1b")
    officer = commune_officer()
    with pytest.raises(ActionOutOfOrder, match="Chưa đối chiếu"):
        dossier.forward(officer, at(RECEIVED))
    dossier.check_population(officer, at(RECEIVED), matched=False, reference="r")
    with pytest.raises(ActionOutOfOrder, match="không khớp"):
        dossier.forward(officer, at(RECEIVED))
    assert stage_of(dossier) is Stage.IN_REVIEW


def test_a_refused_action_leaves_no_trace() -> None:
    from ansinh_common.errors import InvalidInput

    procedure = CATALOG.get("tiep-nhan-vao-co-so")
    dossier = received(RECEIVED, procedure=procedure, purpose="admit_to_facility", form="1b")
    officer = commune_officer()
    dossier.check_population(officer, at(RECEIVED), matched=True, reference="r")
    runs, version = (
        [(r.planned.step.id, r.clock.finished_on) for r in dossier.runs],
        dossier.version,
    )
    with pytest.raises(InvalidInput):
        dossier.forward(officer, at(RECEIVED), note="x" * 5000)
    assert [(r.planned.step.id, r.clock.finished_on) for r in dossier.runs] == runs
    assert dossier.version == version
