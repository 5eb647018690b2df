"""gRPC requests → registry commands (``ansinh.registry.v1`` → ``registry.domain.commands``).

Only the shape is translated here (dates, decimals, enums, optional fields); every rule — the
decision, the catalog coefficient, the field policy of Circular 11/2019/TT-BLĐTBXH Art. 4.1 —
is checked by the use cases, so a request that maps cleanly can still be refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import registry_pb2
from ansinh_common.auth.principal import Principal
from ansinh_common.errors import FieldError, InvalidInput
from registry.domain.benefit import CaregiverKind, CareSupportLink, Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.commands import (
    ChangeCoefficient,
    ChangeInformation,
    RecordDeath,
    RegisterBeneficiary,
    RequestMove,
    StopBenefit,
)
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.person import Contact, Gender, Person
from registry.entrypoints.grpc_mapping import date_from_pb, decision_from_pb, residence_from_pb


def register(
    principal: Principal, r: registry_pb2.RegisterBeneficiaryRequest
) -> RegisterBeneficiary:
    return RegisterBeneficiary(
        principal=principal,
        person=_person(r.person),
        category=CategoryRef(
            _required(r.category_code, "category_code"),
            r.category_condition or "default",
            r.children if r.HasField("children") else None,
        ),
        coefficient=_decimal(r.coefficient, "coefficient"),
        decision=decision_from_pb(r.decision, "decision"),
        reason=r.reason or "Tăng mới",
        disability=_disability(r.disability, "disability") if r.HasField("disability") else None,
        care_support=_care_support(r.care_support),
        payment=_payment(r.payment, "payment") if r.HasField("payment") else None,
        start_month=_month(r.start_month, "start_month") if r.HasField("start_month") else None,
        record_id=r.record_id or None,
    )


def death(principal: Principal, r: registry_pb2.RecordDeathRequest) -> RecordDeath:
    return RecordDeath(
        principal=principal, record_id=r.record_id, province_code=r.province_code,
        died_on=_date(r.died_on, "died_on"), decision=decision_from_pb(r.decision, "decision"),
        reason=r.reason or "Cắt chết",
    )  # fmt: skip


def stop(principal: Principal, r: registry_pb2.StopBenefitRequest) -> StopBenefit:
    return StopBenefit(
        principal=principal, record_id=r.record_id, province_code=r.province_code,
        stopped_on=_date(r.stopped_on, "stopped_on"),
        decision=decision_from_pb(r.decision, "decision"), reason=_required(r.reason, "reason"),
    )  # fmt: skip


def information(
    principal: Principal, r: registry_pb2.ChangeInformationRequest, today: date
) -> ChangeInformation:
    gender = _opt(r, "gender")
    update = InformationUpdate(
        full_name=_opt(r, "full_name"),
        birth_date=date_from_pb(r.birth_date, "birth_date"),
        gender=_gender(gender, "gender") if gender is not None else None,
        personal_id=_opt(r, "personal_id"),
        ethnicity_code=_opt(r, "ethnicity_code"),
        phone=_opt(r, "phone"),
        address=_opt(r, "address"),
        disability_type_code=_opt(r, "disability_type_code"),
        disability_level_code=_opt(r, "disability_level_code"),
        payment=_payment(r.payment, "payment") if r.HasField("payment") else None,
    )
    if update.is_empty():
        raise InvalidInput("Hãy ghi ít nhất một thông tin cần thay đổi.")
    return ChangeInformation(
        principal=principal, record_id=r.record_id, province_code=r.province_code,
        update=update, effective_on=date_from_pb(r.effective_on, "effective_on") or today,
        reason=r.reason or "Thay đổi thông tin",
        decision=decision_from_pb(r.decision, "decision"),
    )  # fmt: skip


def coefficient(
    principal: Principal, r: registry_pb2.ChangeCoefficientRequest
) -> ChangeCoefficient:
    category = None
    if r.category_code:
        children = r.children if r.HasField("children") else None
        category = CategoryRef(r.category_code, r.category_condition or "default", children)
    return ChangeCoefficient(
        principal=principal, record_id=r.record_id, province_code=r.province_code,
        coefficient=_decimal(r.coefficient, "coefficient"),
        condition_met_on=_date(r.condition_met_on, "condition_met_on"),
        decision=decision_from_pb(r.decision, "decision"),
        reason=r.reason or "Thay đổi hệ số hưởng", category=category,
        disability=_disability(r.disability, "disability") if r.HasField("disability") else None,
        care_support=_care_support(r.care_support) if r.replace_care_support else None,
    )  # fmt: skip


def move(principal: Principal, r: registry_pb2.RequestMoveRequest) -> RequestMove:
    return RequestMove(
        principal=principal, record_id=r.record_id, province_code=r.province_code,
        destination=residence_from_pb(r.destination),
        effective_on=_date(r.effective_on, "effective_on"),
        move_out_decision=decision_from_pb(r.move_out_decision, "move_out_decision"),
        move_in_decision=decision_from_pb(r.move_in_decision, "move_in_decision"),
        reason=r.reason or "Chuyển nơi cư trú", move_id=r.move_id or None,
    )  # fmt: skip


# -- values ------------------------------------------------------------------------------------
def _person(p: registry_pb2.PersonDetails) -> Person:
    return Person(
        full_name=_required(p.full_name, "person.full_name"),
        birth_date=_date(p.birth_date, "person.birth_date"),
        gender=_gender(p.gender, "person.gender"),
        residence=residence_from_pb(p.residence),
        personal_id=_opt(p, "personal_id"),
        ethnicity_code=_opt(p, "ethnicity_code"),
        contact=Contact(
            phone=_opt(p, "phone"),
            address=_opt(p, "address"),
        ),
    )


def _disability(d: registry_pb2.DisabilityDetails, path: str) -> Disability:
    return Disability(
        type_code=_opt(d, "type_code"),
        level_code=_opt(d, "level_code"),
        certified_on=date_from_pb(d.certified_on, f"{path}.certified_on"),
    )


def _care_support(links: Iterable[registry_pb2.CareSupportLink]) -> tuple[CareSupportLink, ...]:
    out = []
    for i, link in enumerate(links):
        path = f"care_support[{i}]"
        try:
            kind = CaregiverKind(link.caregiver_kind)
        except ValueError as exc:
            message = "Phải là 'household' hoặc 'person'."
            raise InvalidInput(errors=[FieldError(f"{path}.caregiver_kind", message)]) from exc
        out.append(
            CareSupportLink(
                caregiver_kind=kind,
                caregiver_id=_required(link.caregiver_id, f"{path}.caregiver_id"),
                caregiver_name=_required(link.caregiver_name, f"{path}.caregiver_name"),
                category_code=link.category_code,
                condition=link.condition or "default",
                coefficient=_decimal(link.coefficient, f"{path}.coefficient"),
            )
        )
    return tuple(out)


def _payment(p: registry_pb2.PaymentDetails, path: str) -> PaymentInfo:
    return PaymentInfo(
        channel_code=_required(p.channel_code, f"{path}.channel_code"),
        account_number=_opt(p, "account_number"),
        account_holder=_opt(p, "account_holder"),
    )


def _opt(message: Any, name: str) -> str | None:
    """An ``optional string`` field: its value, or ``None`` when it is not set."""
    return str(getattr(message, name)) if message.HasField(name) else None


def _date(value: common_pb2.Date, field: str) -> date:
    found = date_from_pb(value, field, required=True)
    assert found is not None
    return found


def _month(value: common_pb2.YearMonth, field: str) -> Month:
    try:
        return Month(value.year, value.month)
    except ValueError as exc:
        raise InvalidInput(errors=[FieldError(field, "Tháng không hợp lệ.", "format")]) from exc


def _decimal(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not text or not value.is_finite() or value < 0:
        if not text:
            raise InvalidInput(errors=[FieldError(field, "Bắt buộc nhập.", "required")])
        message = "Phải là số thập phân không âm, ví dụ 1.5."
        raise InvalidInput(errors=[FieldError(field, message, "format")])
    return value


def _gender(value: str, field: str) -> Gender:
    try:
        return Gender(value)
    except ValueError as exc:
        message = "Giới tính phải là 'male' hoặc 'female'."
        raise InvalidInput(errors=[FieldError(field, message, "format")]) from exc


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise InvalidInput(errors=[FieldError(field, "Bắt buộc nhập.", "required")])
    return value
