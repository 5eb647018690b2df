"""Data-quality findings per record and completeness per commune / district / province."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.errors import PermissionDenied
from registry.domain.benefit import Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.data_quality import FindingCode, UnitLevel, completeness, findings
from registry.domain.decision import Decision
from registry.domain.months import Month
from registry.domain.person import Residence
from registry.domain.state import RecordState
from registry.service_layer.queries import completeness_report

from .builders import (
    CAO_BANG_OFFICER,
    HANOI,
    HANOI_2,
    HANOI_OFFICER,
    World,
    decision,
    person,
    pid,
)


def state(**overrides: object) -> RecordState:
    base = RecordState(
        person=person(),
        category=CategoryRef("5.5a", "from_80"),
        coefficient=Decimal("2.0"),
        decision=decision(),
        start_month=Month(2025, 8),
        payment=PaymentInfo("VNPOST"),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def codes(s: RecordState) -> set[FindingCode]:
    return {f.code for f in findings(s)}


def test_a_complete_record_has_no_findings() -> None:
    assert findings(state()) == ()


@pytest.mark.parametrize(
    ("personal_id", "expected"),
    [
        (None, FindingCode.PERSONAL_ID_MISSING),
        ("12345", FindingCode.PERSONAL_ID_FORMAT),
        ("123456789", FindingCode.PERSONAL_ID_LEGACY),
        (pid(Gender.MALE, 1950), FindingCode.GENDER_MISMATCH),
        (pid(Gender.FEMALE, 1951), FindingCode.BIRTH_YEAR_MISMATCH),
    ],
)
def test_personal_id_findings(personal_id: str | None, expected: FindingCode) -> None:
    assert codes(state(person=person(personal_id=personal_id))) == {expected}


def test_missing_ethnicity() -> None:
    assert codes(state(person=person(ethnicity_code=None))) == {FindingCode.ETHNICITY_MISSING}


def test_disability_categories_need_type_and_level() -> None:
    disabled = state(category=CategoryRef("5.6", "severe"), coefficient=Decimal("1.5"))
    assert codes(disabled) == {
        FindingCode.DISABILITY_TYPE_MISSING,
        FindingCode.DISABILITY_LEVEL_MISSING,
    }
    assert codes(replace(disabled, disability=Disability(None, "2"))) == {
        FindingCode.DISABILITY_TYPE_MISSING
    }
    assert codes(state(disability=None)) == set()  # not a disability category


def test_missing_decision_number_or_date() -> None:
    assert codes(state(decision=None)) == {
        FindingCode.DECISION_NUMBER_MISSING,
        FindingCode.DECISION_DATE_MISSING,
    }
    assert codes(state(decision=Decision("", date(2020, 1, 2), "01"))) == {
        FindingCode.DECISION_NUMBER_MISSING
    }


def test_missing_account_only_for_account_channels() -> None:
    assert codes(state(payment=PaymentInfo("VBSP"))) == {FindingCode.ACCOUNT_MISSING}
    assert codes(state(payment=PaymentInfo("VBSP", "4711"))) == set()
    assert codes(state(payment=PaymentInfo("CASH_COMMUNE"))) == set()


def test_findings_carry_vietnamese_messages_and_the_record_carries_its_findings() -> None:
    (finding,) = findings(state(person=person(ethnicity_code=None)))
    assert finding.message == "Thiếu dân tộc."


def test_completeness_per_commune_and_province() -> None:
    states = [
        state(),
        state(person=person(ethnicity_code=None)),
        state(person=person(residence=HANOI_2, personal_id=None, ethnicity_code=None)),
    ]
    communes = completeness(states, UnitLevel.COMMUNE)
    ba_dinh = communes[("2025", HANOI.commune_code)]
    assert (ba_dinh.records, ba_dinh.complete, ba_dinh.ratio) == (2, 1, 0.5)
    ngoc_ha = communes[("2025", HANOI_2.commune_code)]
    assert ngoc_ha.by_finding == {
        FindingCode.PERSONAL_ID_MISSING: 1,
        FindingCode.ETHNICITY_MISSING: 1,
    }
    province = completeness(states, UnitLevel.PROVINCE)[("2025", "01")]
    assert (province.records, province.complete) == (3, 1)
    assert province.by_finding[FindingCode.ETHNICITY_MISSING] == 2


def test_completeness_per_district_uses_pre2025_records() -> None:
    old = Residence("01", "00001", "001", "pre2025")
    states = [state(person=person(residence=old)), state()]
    districts = completeness(states, UnitLevel.DISTRICT)
    assert list(districts) == [("pre2025", "001")]


def test_completeness_report_over_active_records_in_scope() -> None:
    from .builders import register

    world = World()
    world.handle(register())
    world.handle(register(person=person(ethnicity_code=None)))
    report = completeness_report(HANOI_OFFICER, "01", UnitLevel.PROVINCE, world.deps)
    assert report[("2025", "01")].ratio == 0.5
    with pytest.raises(PermissionDenied):
        completeness_report(CAO_BANG_OFFICER, "01", UnitLevel.PROVINCE, world.deps)
