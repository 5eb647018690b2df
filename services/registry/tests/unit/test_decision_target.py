"""Which record an adjust or stop decision of a dossier changes (``rules.decision_target``)."""

from __future__ import annotations

from datetime import date

import pytest

from ansinh_common.errors import FailedPrecondition
from registry.domain.changes import Stop
from registry.domain.model import BeneficiaryRecord
from registry.domain.rules import decision_target as rule
from registry.domain.rules.decision_target import decision_target

from .builders import ACTOR, NOW, decision, new_change, person

STOP = decision(date(2025, 9, 10), "77/QĐ-UBND")
LAN = person()
PID = LAN.personal_id or ""


def _record(record_id: str, **overrides: object) -> BeneficiaryRecord:
    return BeneficiaryRecord.register(record_id, "01", new_change(person=LAN, **overrides))


def _find(records: list[BeneficiaryRecord], **overrides: object) -> rule.Target:
    args: dict[str, object] = {
        "personal_id": PID, "province_code": "01", "benefit": "monthly_allowance",
        "category_code": None, "decision": STOP,
    }  # fmt: skip
    return decision_target(records, **(args | overrides))  # type: ignore[arg-type]


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert "Decree 20/2021/NĐ-CP" in rule.LEGAL_BASIS


def test_the_active_record_of_the_benefit_in_the_province() -> None:
    active = _record("r1")
    target = _find([active])
    assert (target.record.record_id, target.done) == ("r1", False)


def test_a_record_carrying_the_decision_is_the_answer_again() -> None:
    stopped = _record("r1")
    stopped.append(
        Stop(effective_on=date(2025, 9, 10), reason="Thôi hưởng", actor=ACTOR, recorded_at=NOW,
             decision=STOP)
    )  # fmt: skip
    target = _find([stopped])
    assert (target.record.record_id, target.done) == ("r1", True)


def test_no_active_record_is_refused_in_vietnamese() -> None:
    with pytest.raises(FailedPrecondition, match="Không tìm thấy đối tượng đang hưởng trợ cấp"):
        _find([_record("r1")], province_code="04")  # the record is in Hà Nội
    with pytest.raises(FailedPrecondition, match="hỗ trợ kinh phí chăm sóc"):
        _find([_record("r1")], benefit="care_support")  # a 5.5a record is not care support
