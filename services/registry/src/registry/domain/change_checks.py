"""What each kind of change must contain before it may enter a history.

Status and ordering are checked by replaying the history (``as_of``); the decision rule by
``rules.decision_required``; this module checks the content of the change itself.
"""

from __future__ import annotations

from ansinh_common.errors import FieldError
from registry.domain.changes import (
    AnyChange,
    CoefficientChange,
    InformationChange,
    MoveIn,
    NewBeneficiary,
)
from registry.domain.rules.coefficient import care_support_errors, category_errors
from registry.domain.rules.payment_months import start_month
from registry.domain.state import RecordState
from registry.domain.validation import (
    disability_errors,
    payment_errors,
    person_errors,
    residence_errors,
)


def change_errors(
    state: RecordState | None, change: AnyChange, province_code: str
) -> list[FieldError]:
    """Field errors in ``change`` for a record of ``province_code`` now in ``state``."""
    today = change.recorded_at.date()
    if isinstance(change, NewBeneficiary):
        errors = person_errors(change.person, today)
        errors += category_errors(change.category, change.coefficient)
        errors += care_support_errors(change.care_support)
        errors += disability_errors(change.disability, change.category)
        errors += payment_errors(change.payment)
        errors += _province_errors(change.person.residence.province_code, province_code)
        decided_on = change.decision.signed_on if change.decision else None
        if not errors and not change.imported and decided_on is not None:
            expected = start_month(change.category, change.person, decided_on, change.disability)
            if change.start_month != expected:
                errors.append(
                    FieldError(
                        "start_month",
                        f"Tháng bắt đầu hưởng phải là {expected} (Nghị định 20/2021/NĐ-CP, "
                        "Điều 8 khoản 1 điểm đ).",
                        "mismatch",
                    )
                )
        return errors
    if isinstance(change, CoefficientChange) and state is not None:
        category = change.category or state.category
        errors = category_errors(category, change.coefficient)
        errors += disability_errors(change.disability or state.disability, category)
        return errors + care_support_errors(change.care_support or ())
    if isinstance(change, InformationChange) and state is not None:
        update = change.update
        if update.is_empty():
            return [FieldError("update", "Không có thông tin nào thay đổi.", "required")]
        errors = person_errors(update.apply_to_person(state.person), today)
        disability = update.apply_to_disability(state.disability)
        errors += disability_errors(disability, state.category)
        return errors + payment_errors(update.payment)
    if isinstance(change, MoveIn):
        errors = residence_errors(change.residence, "residence")
        return errors + _province_errors(change.residence.province_code, province_code)
    return []


def _province_errors(residence_province: str, record_province: str) -> list[FieldError]:
    if residence_province == record_province:
        return []
    return [
        FieldError(
            "person.residence.province_code",
            f"Nơi cư trú thuộc tỉnh {residence_province}, hồ sơ thuộc tỉnh {record_province}.",
        )
    ]
