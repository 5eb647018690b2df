"""Protobuf messages ⇄ poverty domain values; bad input becomes ``InvalidInput`` naming the
field (a 4xx at the edge, never a 500)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from ansinh.common.v1 import common_pb2
from ansinh.poverty.v1 import poverty_pb2
from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.catalogs.poverty_standards import Area
from ansinh_common.errors import FieldError, InvalidInput
from poverty.domain.model import Household, HouseholdStatus, Member, Relation, StatusChange

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # Asia/Ho_Chi_Minh, no daylight saving
E = TypeVar("E", bound=StrEnum)


def today() -> dt.date:
    return dt.datetime.now(VIETNAM).date()


def date_to_pb(day: dt.date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def date_from_pb(value: common_pb2.Date, field: str, errors: list[FieldError]) -> dt.date | None:
    if value.year == 0 and value.month == 0 and value.day == 0:
        errors.append(FieldError(field, "Bắt buộc nhập.", "required"))
        return None
    try:
        return dt.date(value.year, value.month, value.day)
    except ValueError:
        errors.append(FieldError(field, "Ngày không hợp lệ.", "format"))
        return None


def optional_date(value: common_pb2.Date, field: str) -> dt.date | None:
    if value.year == 0 and value.month == 0 and value.day == 0:
        return None
    errors: list[FieldError] = []
    day = date_from_pb(value, field, errors)
    raise_if(errors)
    return day


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise InvalidInput(errors=errors)


def _enum(kind: type[E], value: str, field: str, errors: list[FieldError]) -> E | None:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(e.value for e in kind)
        errors.append(FieldError(field, f"Giá trị không hợp lệ; dùng một trong: {allowed}."))
        return None


def _required(value: str, field: str, errors: list[FieldError]) -> str:
    if not value.strip():
        errors.append(FieldError(field, "Bắt buộc nhập.", "required"))
    return value.strip()


def household_from_pb(message: poverty_pb2.Household, new_id: Callable[[], str]) -> Household:
    errors: list[FieldError] = []
    path = "household"
    commune = _required(message.commune_code, f"{path}.commune_code", errors)
    village = _required(message.village, f"{path}.village", errors)
    area = _enum(Area, message.area, f"{path}.area", errors)
    members = []
    for n, m in enumerate(message.members):
        p = f"{path}.members[{n}]"
        relation = _enum(Relation, m.relation, f"{p}.relation", errors)
        gender = _enum(Gender, m.gender, f"{p}.gender", errors)
        born = date_from_pb(m.birth_date, f"{p}.birth_date", errors)
        name = _required(m.full_name, f"{p}.full_name", errors)
        national_id = _required(m.national_id, f"{p}.national_id", errors)
        member_id = m.member_id.strip() or f"m{n + 1}"
        if relation and gender and born:
            members.append(
                Member(member_id, name, national_id, relation, born, gender, m.ethnicity_code)
            )
    if not message.members:
        errors.append(
            FieldError(f"{path}.members", "Hộ phải có ít nhất một thành viên.", "required")
        )
    raise_if(errors)
    assert area is not None
    return Household(
        household_id=message.household_id.strip() or new_id(),
        commune_code=commune,
        village=village,
        address=message.address.strip(),
        area=area,
        members=tuple(members),
    )


def household_to_pb(province_code: str, household: Household) -> poverty_pb2.Household:
    return poverty_pb2.Household(
        household_id=household.household_id,
        province_code=province_code,
        commune_code=household.commune_code,
        village=household.village,
        address=household.address,
        area=household.area.value,
        members=[
            poverty_pb2.Member(
                member_id=m.member_id,
                full_name=m.full_name,
                national_id=m.national_id,
                relation=m.relation.value,
                birth_date=date_to_pb(m.birth_date),
                gender=m.gender.value,
                ethnicity_code=m.ethnicity_code,
            )
            for m in household.members
        ],
    )


def change_from_pb(message: poverty_pb2.StatusChange, decided_by: str) -> StatusChange:
    errors: list[FieldError] = []
    status = _enum(HouseholdStatus, message.status, "change.status", errors)
    effective_on = date_from_pb(message.effective_on, "change.effective_on", errors)
    number = _required(message.decision_number, "change.decision_number", errors)
    standard = _required(message.standard_code, "change.standard_code", errors)
    if not 2016 <= message.review_year <= 2100:
        errors.append(FieldError("change.review_year", "Năm rà soát không hợp lệ."))
    raise_if(errors)
    assert status is not None and effective_on is not None
    return StatusChange(
        review_year=message.review_year,
        status=status,
        effective_on=effective_on,
        decision_number=number,
        decided_by=decided_by,
        standard_code=standard,
        deprivations=tuple(message.deprivations),
        low_income_members=frozenset(message.low_income_members),
    )


def change_to_pb(change: StatusChange) -> poverty_pb2.StatusChange:
    return poverty_pb2.StatusChange(
        review_year=change.review_year,
        status=change.status.value,
        effective_on=date_to_pb(change.effective_on),
        decision_number=change.decision_number,
        decided_by=change.decided_by,
        standard_code=change.standard_code,
        deprivations=list(change.deprivations),
        low_income_members=sorted(change.low_income_members),
    )
