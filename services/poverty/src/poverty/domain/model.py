"""Households, their members and their status by year, with a history queryable as of a date.

A household has one head and members (each with a personal ID, relation to the head, birth
date, gender, ethnicity), a residence unit (commune code and village) and an area (urban or
rural, which picks the income line). Its status is decided per review year by the commune
chair; each change keeps its decision, effective date and actor, so the status on any day is
the last change effective on or before it (a household that left poverty on 10 March is poor on
28 February and not on 1 April). Low-income workers (Decree 30/2025/NĐ-CP) are marked per
member on the same decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ansinh_common.catalogs.ethnicities import find_ethnicity
from ansinh_common.catalogs.personal_id import Gender, check_consistency
from ansinh_common.catalogs.poverty_standards import Area
from ansinh_common.errors import FieldError
from poverty.domain.errors import HouseholdInvalid, field_error

__all__ = [
    "Area",
    "Gender",
    "Household",
    "HouseholdStatus",
    "Member",
    "Relation",
    "StatusChange",
    "StatusHistory",
    "age_on",
]


class Relation(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    GRANDPARENT = "grandparent"
    SIBLING = "sibling"
    OTHER = "other"


RELATION_LABELS: dict[Relation, str] = {
    Relation.HEAD: "Chủ hộ",
    Relation.SPOUSE: "Vợ/chồng",
    Relation.CHILD: "Con",
    Relation.PARENT: "Bố/mẹ",
    Relation.GRANDCHILD: "Cháu",
    Relation.GRANDPARENT: "Ông/bà",
    Relation.SIBLING: "Anh/chị/em",
    Relation.OTHER: "Khác",
}


class HouseholdStatus(StrEnum):
    POOR = "poor"
    NEAR_POOR = "near_poor"
    LEFT_POVERTY = "left_poverty"
    LEFT_NEAR_POVERTY = "left_near_poverty"
    AVERAGE_LIVING = "average_living"  # hộ có mức sống trung bình
    NONE = "none"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_poor_or_near_poor(self) -> bool:
        return self in (HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR)


STATUS_LABELS: dict[HouseholdStatus, str] = {
    HouseholdStatus.POOR: "Hộ nghèo",
    HouseholdStatus.NEAR_POOR: "Hộ cận nghèo",
    HouseholdStatus.LEFT_POVERTY: "Hộ thoát nghèo",
    HouseholdStatus.LEFT_NEAR_POVERTY: "Hộ thoát cận nghèo",
    HouseholdStatus.AVERAGE_LIVING: "Hộ có mức sống trung bình",
    HouseholdStatus.NONE: "Không thuộc diện",
}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


@dataclass(frozen=True, slots=True)
class Member:
    member_id: str
    full_name: str
    national_id: str
    relation: Relation
    birth_date: dt.date
    gender: Gender
    ethnicity_code: str

    def age_on(self, day: dt.date) -> int:
        return age_on(self.birth_date, day)


@dataclass(frozen=True, slots=True)
class Household:
    household_id: str
    commune_code: str  # residence unit
    village: str
    address: str
    area: Area
    members: tuple[Member, ...]  # the head included

    def __post_init__(self) -> None:
        errors: list[FieldError] = []
        heads = [m for m in self.members if m.relation is Relation.HEAD]
        if len(heads) != 1:
            errors.append(field_error("members", "hộ phải có đúng một chủ hộ", "head"))
        seen_ids: set[str] = set()
        seen_members: set[str] = set()
        for n, m in enumerate(self.members):
            path = f"members[{n}]"
            findings = check_consistency(m.national_id, m.gender, m.birth_date.year)
            for f in findings:
                if f.code == "legacy":  # a 9-digit CMND is kept; the registry flags it
                    continue
                errors.append(
                    field_error(f"{path}.national_id", f"số định danh: {f.message}", f.code)
                )
            if m.national_id in seen_ids:
                errors.append(field_error(f"{path}.national_id", "số định danh bị trùng trong hộ"))
            if m.member_id in seen_members:
                errors.append(field_error(f"{path}.member_id", "mã thành viên bị trùng"))
            seen_ids.add(m.national_id)
            seen_members.add(m.member_id)
            if find_ethnicity(m.ethnicity_code) is None:
                errors.append(field_error(f"{path}.ethnicity_code", "mã dân tộc không có"))
        if errors:
            raise HouseholdInvalid(errors=errors)

    @property
    def head(self) -> Member:
        return next(m for m in self.members if m.relation is Relation.HEAD)

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.member_id == member_id:
                return m
        raise KeyError(member_id)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One decided status: what, for which review year, from when, by which decision, by whom."""

    review_year: int
    status: HouseholdStatus
    effective_on: dt.date
    decision_number: str
    decided_by: str  # the signer's subject
    standard_code: str
    deprivations: tuple[str, ...] = ()  # indicator codes
    low_income_members: frozenset[str] = frozenset()  # member ids (Decree 30/2025/NĐ-CP)


@dataclass(slots=True)
class StatusHistory:
    """Every status change of one household, oldest first."""

    household_id: str
    changes: list[StatusChange] = field(default_factory=list)

    def record(self, change: StatusChange) -> None:
        """Append a decided change; a change may not take effect before the last one."""
        if self.changes and change.effective_on < self.changes[-1].effective_on:
            raise HouseholdInvalid(
                "Quyết định mới không được có hiệu lực trước quyết định đã ghi nhận "
                f"({self.changes[-1].effective_on:%d/%m/%Y})."
            )
        self.changes.append(change)

    def change_as_of(self, day: dt.date) -> StatusChange | None:
        found = None
        for c in self.changes:
            if c.effective_on > day:
                break
            found = c
        return found

    def as_of(self, day: dt.date) -> HouseholdStatus:
        """The status on ``day`` (``NONE`` before the first decision)."""
        change = self.change_as_of(day)
        return change.status if change else HouseholdStatus.NONE

    def is_poor_or_near_poor_on(self, day: dt.date) -> bool:
        return self.as_of(day).is_poor_or_near_poor

    def by_year(self) -> dict[int, StatusChange]:
        """The last decided change of each review year (what a certificate lists)."""
        return {c.review_year: c for c in self.changes}

    def low_income_worker_on(self, member_id: str, day: dt.date) -> bool:
        change = self.change_as_of(day)
        return change is not None and member_id in change.low_income_members
