"""The applicant corrects facts (never policy fields) and sees status and history in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from ansinh_common.authz import AccessDenied
from ansinh_common.errors import InvalidInput
from dossier.domain import events as ev
from dossier.domain.errors import NotResponsible
from dossier.domain.views import applicant_status

from .dossier_builders import (
    ALLOWANCE,
    OTHER_ID,
    at,
    citizen,
    commune_officer,
    received,
    submitted,
)

DAY = dt.date(2026, 3, 2)


def test_applicant_amends_personal_facts_before_receipt() -> None:
    dossier = submitted(DAY)
    dossier.amend(
        citizen(), at(DAY, 11), procedure=ALLOWANCE, changes={"full_name": "Nguyễn Thị Lành"}
    )
    assert dossier.values["full_name"] == "NGUYỄN THỊ LÀNH"
    amended = dossier.events[-1]
    assert isinstance(amended, ev.DossierAmended) and amended.changed_fields == ("full_name",)


def test_amending_policy_fields_or_fixed_fields_is_refused() -> None:
    dossier = submitted(DAY)
    with pytest.raises(AccessDenied):
        dossier.amend(citizen(), at(DAY), procedure=ALLOWANCE, changes={"coefficient": 3})
    with pytest.raises(InvalidInput) as refused:
        dossier.amend(citizen(), at(DAY), procedure=ALLOWANCE, changes={"commune_code": "00007"})
    assert [e.field for e in refused.value.errors] == ["values.commune_code"]
    with pytest.raises(NotResponsible):
        dossier.amend(
            citizen(OTHER_ID, "nguoi-khac"), at(DAY), procedure=ALLOWANCE, changes={"phone": "1"}
        )
    assert dossier.version == 1


def test_an_amendment_is_validated_like_the_form() -> None:
    dossier = submitted(DAY)
    with pytest.raises(InvalidInput) as refused:
        dossier.amend(citizen(), at(DAY), procedure=ALLOWANCE, changes={"birth_date": "2099-01-01"})
    assert [e.field for e in refused.value.errors] == ["values.birth_date"]
    assert dossier.values["birth_date"] == dt.date(1950, 3, 2)


def test_applicant_sees_status_due_date_and_history_in_vietnamese() -> None:
    dossier = received(DAY)
    officer = commune_officer(subject="nguyen-van-can-bo")
    dossier.request_documents(
        officer, at(dt.date(2026, 3, 4)), ("xac_nhan",), "Thiếu giấy xác nhận cư trú"
    )

    paused = applicant_status(dossier, ALLOWANCE, dt.date(2026, 3, 5))
    assert paused.status == "Chờ bổ sung giấy tờ (tạm dừng tính thời hạn)"
    assert paused.due_on is None and paused.due_state == "Tạm dừng tính thời hạn"
    assert [line.action for line in paused.history] == [
        "Nộp hồ sơ",
        "Tiếp nhận hồ sơ",
        "Yêu cầu bổ sung giấy tờ",
    ]
    assert paused.history[-1].note == "Thiếu giấy xác nhận cư trú"
    assert paused.history[0].at == "02/03/2026 08:00"
    assert all("nguyen-van-can-bo" not in str(line) for line in paused.history)

    dossier.supplement_documents(citizen(), at(dt.date(2026, 3, 9)), ("xac_nhan",))
    running = applicant_status(dossier, ALLOWANCE, dt.date(2026, 3, 9))
    assert running.status == "Đang thẩm định"
    assert running.due_on == dt.date(2026, 3, 16)  # 2 days used before the pause, 5 left
    assert running.due_state == "Trong hạn"
    assert running.expected_result_on == dt.date(2026, 3, 19)
    assert running.purpose == "Hưởng trợ cấp xã hội hằng tháng"
