"""Three-level model (until 30 Jun 2025, Decree 20/2021/NĐ-CP Art. 8.1): the whole path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ansinh_common.authz import Level, UnitModel
from dossier.domain import events as ev
from dossier.domain.errors import ActionOutOfOrder
from dossier.domain.procedures.model import StepKind
from dossier.domain.provincial_status import shipped_mapping
from dossier.domain.stages import Action, Stage

from .dossier_builders import (
    at,
    commune_leader,
    commune_officer,
    district_leader,
    district_officer,
    received,
    stage_of,
)

RECEIVED = dt.date(2025, 3, 3)  # Monday, no holiday in March 2025


def test_legal_basis_is_written_beside_the_rule() -> None:
    from dossier.domain import dossier

    assert dossier.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 7, 8")


def test_received_dossier_keeps_the_three_level_plan() -> None:
    dossier = received(RECEIVED)

    assert dossier.plan is not None
    assert dossier.plan.model is UnitModel.THREE_LEVEL
    assert dossier.plan.deciding_level is Level.DISTRICT
    assert [(p.step.kind, p.unit_code, p.step.working_days) for p in dossier.plan.steps] == [
        (StepKind.REVIEW, "00004", 7),
        (StepKind.POSTING, "00004", 2),
        (StepKind.OBJECTIONS, "00004", 10),
        (StepKind.FORWARD, "00004", 3),
        (StepKind.APPRAISAL, "001", 7),
        (StepKind.DECISION, "001", 3),
    ]
    assert stage_of(dossier) is Stage.IN_REVIEW
    assert dossier.due_on(RECEIVED) == dt.date(2025, 3, 12)  # 7 working days
    # 7 + 2 + 3 + 7 + 3 = 22 working days from receipt
    assert dossier.expected_result_on(RECEIVED) == dt.date(2025, 4, 2)
    received_event = dossier.events[-1]
    assert isinstance(received_event, ev.DossierReceived)
    assert received_event.model == "three_level"
    assert received_event.expected_result_on == dt.date(2025, 4, 2)


def test_every_step_in_order_to_a_signed_decision() -> None:
    dossier = received(RECEIVED)
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 7)))
    assert stage_of(dossier) is Stage.POSTED
    assert dossier.due_on(dt.date(2025, 3, 7)) == dt.date(2025, 3, 11)  # posted 2 working days

    with pytest.raises(ActionOutOfOrder, match="Chưa hết thời gian niêm yết"):
        dossier.forward(commune_leader(), at(dt.date(2025, 3, 11)))
    # after the posting period the commune has 3 working days to send the file up
    assert dossier.due_on(dt.date(2025, 3, 12)) == dt.date(2025, 3, 14)

    dossier.forward(commune_leader(), at(dt.date(2025, 3, 13)))
    assert stage_of(dossier) is Stage.IN_APPRAISAL
    assert dossier.due_on(dt.date(2025, 3, 13)) == dt.date(2025, 3, 24)

    dossier.appraise(
        district_officer(subject="tham-dinh"),
        at(dt.date(2025, 3, 18)),
        eligible=True,
        category_code="5.5a",
        coefficient=Decimal("1.5"),
        amount=750_000,
    )
    dossier.approve(district_officer(subject="truong-phong"), at(dt.date(2025, 3, 19)))
    assert stage_of(dossier) is Stage.APPROVED
    assert dossier.due_on(dt.date(2025, 3, 19)) == dt.date(2025, 3, 24)

    dossier.decide(district_leader(), at(dt.date(2025, 3, 20)), decision_number="123/QĐ-UBND")
    dossier.return_result(commune_officer(), at(dt.date(2025, 3, 21)))

    assert stage_of(dossier) is Stage.RESULT_RETURNED
    actions = [h.action for h in dossier.history]
    assert actions == [
        Action.SUBMIT,
        Action.RECEIVE,
        Action.POST_PUBLICLY,
        Action.FORWARD,
        Action.APPRAISE,
        Action.APPROVE,
        Action.DECIDE,
        Action.RETURN_RESULT,
    ]
    assert dossier.version == len(dossier.events) == 8
    assert [h.stage_label for h in dossier.history][-2:] == ["Đã có quyết định", "Đã trả kết quả"]

    signed = next(e for e in dossier.events if isinstance(e, ev.DecisionSigned))
    assert signed.decision_number == "123/QĐ-UBND"
    assert signed.decision_date == dt.date(2025, 3, 20)
    assert signed.signing_unit == "001"
    assert signed.effect == "register_beneficiary"
    assert signed.benefit == "monthly_allowance"
    assert (signed.category_code, signed.coefficient, signed.amount) == (
        "5.5a",
        Decimal("1.5"),
        750_000,
    )
    assert signed.applicant_national_id == dossier.applicant_national_id

    mapping = shipped_mapping()
    codes = [mapping.status(e.to_stage, e.action).code for e in dossier.events]
    assert codes == [1, 2, 4, 4, 4, 4, 9, 10]


def test_step_usage_shows_time_used_by_each_step() -> None:
    dossier = received(RECEIVED)
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 7)))
    dossier.forward(commune_leader(), at(dt.date(2025, 3, 13)))

    usage = {u.step_id: u for u in dossier.step_usage(dt.date(2025, 3, 14))}
    assert list(usage) == ["xet_duyet", "niem_yet", "gui_huyen", "tham_dinh"]
    assert usage["xet_duyet"].used_working_days == 4  # Mon 3 -> Fri 7 March
    assert usage["niem_yet"].used_working_days == 2
    assert usage["gui_huyen"].used_working_days == 2  # Tue 11 -> Thu 13 March
    assert usage["tham_dinh"].used_working_days == 1
    assert not any(u.overrun for u in usage.values())


def test_objections_take_their_own_ten_days_then_the_file_goes_up() -> None:
    dossier = received(RECEIVED)
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 7)))
    dossier.record_objection(commune_officer(), at(dt.date(2025, 3, 10)), "Hàng xóm phản ánh")

    assert stage_of(dossier) is Stage.OBJECTIONS
    assert dossier.due_on(dt.date(2025, 3, 10)) == dt.date(2025, 3, 24)  # 10 working days
    # after objections: appraisal 7 + decision 3, no separate forwarding period; Mon 7 Apr
    # 2025 is the Hùng Kings' day off
    assert dossier.expected_result_on(dt.date(2025, 3, 10)) == dt.date(2025, 4, 8)

    dossier.forward(commune_leader(), at(dt.date(2025, 3, 20)), "Đã giải quyết xong khiếu nại")
    assert stage_of(dossier) is Stage.IN_APPRAISAL
    assert [u.step_id for u in dossier.step_usage(dt.date(2025, 3, 20))] == [
        "xet_duyet",
        "niem_yet",
        "khieu_nai",
        "tham_dinh",
    ]


def test_a_dossier_received_before_the_reform_keeps_its_model_after_it() -> None:
    dossier = received(dt.date(2025, 6, 30))
    assert dossier.plan is not None and dossier.plan.model is UnitModel.THREE_LEVEL
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 7, 2)))
    dossier.forward(commune_leader(), at(dt.date(2025, 7, 7)))
    assert dossier.current_step(dt.date(2025, 7, 7)) is not None
    step = dossier.current_step(dt.date(2025, 7, 7))
    assert step is not None and step.planned.step.level is Level.DISTRICT
