"""Wrong role, level or unit is refused; segregation of duties; policy fields from citizens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ansinh_common.authz import AccessDenied
from dossier.domain import policy_fields
from dossier.domain.channel import Channel
from dossier.domain.dossier import Dossier
from dossier.domain.errors import NotResponsible, SegregationOfDuties
from dossier.domain.stages import Stage

from .dossier_builders import (
    APPLICANT_ID,
    OTHER_ID,
    actor,
    at,
    citizen,
    commune_leader,
    commune_officer,
    district_leader,
    district_officer,
    elderly_values,
    received,
    stage_of,
    submitted,
)

DAY = dt.date(2025, 3, 3)


def at_district() -> Dossier:
    dossier = received(DAY)
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 4)))
    dossier.forward(commune_leader(), at(dt.date(2025, 3, 7)))
    return dossier


def appraised(by: str = "tham-dinh") -> Dossier:
    dossier = at_district()
    dossier.appraise(
        district_officer(subject=by),
        at(dt.date(2025, 3, 10)),
        eligible=True,
        category_code="5.5a",
        coefficient=Decimal("1.5"),
    )
    return dossier


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert policy_fields.LEGAL_BASIS == "Circular 11/2019/TT-BLĐTBXH Art. 4.1"


def test_commune_officer_cannot_appraise_at_district_level() -> None:
    dossier = at_district()
    with pytest.raises(NotResponsible, match="cấp huyện"):
        dossier.appraise(commune_officer(), at(dt.date(2025, 3, 10)), eligible=False, note="x")
    assert stage_of(dossier) is Stage.IN_APPRAISAL


def test_officer_of_another_district_cannot_appraise() -> None:
    dossier = at_district()
    with pytest.raises(NotResponsible, match="đơn vị 001"):
        dossier.appraise(
            district_officer("002"), at(dt.date(2025, 3, 10)), eligible=False, note="x"
        )


def test_officer_cannot_sign_a_decision() -> None:
    dossier = appraised()
    dossier.approve(district_officer(subject="truong-phong"), at(dt.date(2025, 3, 11)))
    with pytest.raises(NotResponsible, match="lãnh đạo"):
        dossier.decide(
            district_officer(subject="khac"), at(dt.date(2025, 3, 12)), decision_number="1"
        )


def test_commune_leader_cannot_sign_a_district_decision() -> None:
    dossier = appraised()
    dossier.approve(district_officer(subject="truong-phong"), at(dt.date(2025, 3, 11)))
    with pytest.raises(NotResponsible):
        dossier.decide(commune_leader(), at(dt.date(2025, 3, 12)), decision_number="1")


def test_citizen_cannot_receive_and_other_commune_cannot_receive() -> None:
    dossier = submitted(DAY)
    from .dossier_builders import ALLOWANCE, MODELS, UNITS

    for wrong in (citizen(), commune_officer("00037", "xa-khac"), district_officer()):
        with pytest.raises(NotResponsible):
            dossier.receive(wrong, at(DAY), procedure=ALLOWANCE, units=UNITS, models=MODELS)
    assert stage_of(dossier) is Stage.SUBMITTED


def test_officer_cannot_act_on_own_dossier() -> None:
    dossier = at_district()
    me = actor("huyen-nguoi-nop", "district_officer", unit="001", national_id=APPLICANT_ID)
    with pytest.raises(NotResponsible, match="chính mình"):
        dossier.appraise(me, at(dt.date(2025, 3, 10)), eligible=False, note="x")


def test_appraiser_cannot_approve_the_same_dossier() -> None:
    dossier = appraised(by="tham-dinh")
    with pytest.raises(SegregationOfDuties, match="đã thẩm định"):
        dossier.approve(district_officer(subject="tham-dinh"), at(dt.date(2025, 3, 11)))
    with pytest.raises(SegregationOfDuties):
        dossier.reject(district_officer(subject="tham-dinh"), at(dt.date(2025, 3, 11)), "x")
    assert stage_of(dossier) is Stage.APPRAISED


def test_maker_of_the_decision_draft_cannot_sign_it() -> None:
    dossier = appraised()
    both = actor("pho-chu-tich", "district_officer", "district_leader", unit="001")
    dossier.approve(both, at(dt.date(2025, 3, 11)))
    with pytest.raises(SegregationOfDuties, match="dự thảo"):
        dossier.decide(both, at(dt.date(2025, 3, 12)), decision_number="1/QĐ")
    dossier.decide(district_leader(), at(dt.date(2025, 3, 12)), decision_number="1/QĐ")
    assert stage_of(dossier) is Stage.DECIDED


def test_only_the_applicant_side_may_withdraw() -> None:
    dossier = received(DAY)
    with pytest.raises(NotResponsible):
        dossier.withdraw(citizen(OTHER_ID, "nguoi-khac"), at(DAY), "x")
    with pytest.raises(NotResponsible):
        dossier.withdraw(commune_officer(), at(DAY), "x")
    dossier.withdraw(citizen(), at(DAY), "Không cần nữa")


@pytest.mark.parametrize("field", ["category", "coefficient", "amount", "decision"])
def test_citizen_cannot_set_policy_fields(field: str) -> None:
    values = elderly_values()
    values[field] = "5.5a" if field == "category" else 2
    with pytest.raises(AccessDenied) as refused:
        submitted(DAY, values=values)
    assert [e.field for e in refused.value.errors] == [f"values.{field}"]
    assert "không được thay đổi thông tin về chế độ, chính sách" in refused.value.detail


def test_citizen_submits_online_only_and_officer_at_the_counter_of_the_commune() -> None:
    from ansinh_common.errors import InvalidInput

    with pytest.raises(InvalidInput):
        submitted(DAY, channel=Channel.IN_PERSON)
    at_counter = submitted(DAY, by=commune_officer(), channel=Channel.IN_PERSON)
    assert at_counter.channel is Channel.IN_PERSON
    with pytest.raises(NotResponsible):
        submitted(DAY, by=commune_officer("00037", "xa-khac"), channel=Channel.IN_PERSON)


def test_a_citizen_account_without_a_personal_id_cannot_submit() -> None:
    with pytest.raises(NotResponsible, match="số định danh"):
        submitted(DAY, by=actor("chua-dinh-danh", "citizen"))


def test_a_representative_submits_for_the_applicant_and_may_withdraw() -> None:
    parent = citizen(OTHER_ID, "cha-me")
    dossier = submitted(DAY, by=parent)
    assert dossier.applicant_national_id == APPLICANT_ID
    assert dossier.submitted_by == "cha-me"
    dossier.withdraw(parent, at(DAY), "Nộp nhầm thủ tục")
    assert stage_of(dossier) is Stage.WITHDRAWN
