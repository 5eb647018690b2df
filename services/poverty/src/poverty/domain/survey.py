"""What a survey records about a household, as classification reads it.

The reviewers record facts per member (``has_health_insurance``, ``in_grade_for_age`` ...) and
per household (``floor_area_m2``, ``safe_water`` ...): the names are those of the standard's
indicator thresholds (``data/standards.json``). Income is either measured (integer VND per person
per month) or proxied by the scored survey's answers (Phiếu B: item code -> option code).
Quick identification (Phiếu A) decides whether the scored survey is needed at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ansinh_common.catalogs.poverty_standards import Area
from poverty.domain.errors import SurveyInvalid, field_error
from poverty.domain.model import Household, age_on


@dataclass(frozen=True, slots=True)
class SurveyMember:
    member_id: str
    birth_date: dt.date
    facts: Mapping[str, bool] = field(default_factory=dict)

    def age_on(self, day: dt.date) -> int:
        return age_on(self.birth_date, day)


@dataclass(frozen=True, slots=True)
class Survey:
    household_id: str
    surveyed_on: dt.date
    area: Area
    members: tuple[SurveyMember, ...]
    household_facts: Mapping[str, int | bool] = field(default_factory=dict)
    income_per_person: int | None = None  # measured, VND per person per month
    answers: Mapping[str, str] | None = None  # scored survey (Phiếu B)

    def __post_init__(self) -> None:
        if not self.members:
            raise SurveyInvalid(errors=[field_error("members", "hộ phải có ít nhất một nhân khẩu")])
        if (self.income_per_person is None) == (self.answers is None):
            raise SurveyInvalid(
                errors=[
                    field_error(
                        "income_per_person",
                        "cần đúng một trong hai: thu nhập bình quân hoặc phiếu chấm điểm",
                    )
                ]
            )
        income = self.income_per_person
        if income is not None and (isinstance(income, bool) or income < 0):
            raise SurveyInvalid(
                errors=[field_error("income_per_person", "phải là số tiền (đồng) không âm")]
            )

    @classmethod
    def of(
        cls,
        household: Household,
        surveyed_on: dt.date,
        *,
        member_facts: Mapping[str, Mapping[str, bool]],
        household_facts: Mapping[str, int | bool],
        income_per_person: int | None = None,
        answers: Mapping[str, str] | None = None,
    ) -> Survey:
        """A survey of ``household``'s members (facts keyed by member id)."""
        unknown = member_facts.keys() - {m.member_id for m in household.members}
        if unknown:
            raise SurveyInvalid(
                errors=[
                    field_error(f"members.{u}", "không phải thành viên của hộ") for u in unknown
                ]
            )
        members = tuple(
            SurveyMember(m.member_id, m.birth_date, dict(member_facts.get(m.member_id, {})))
            for m in household.members
        )
        return cls(
            household.household_id,
            surveyed_on,
            household.area,
            members,
            dict(household_facts),
            income_per_person,
            dict(answers) if answers is not None else None,
        )


@dataclass(frozen=True, slots=True)
class QuickIdentification:
    """Phiếu A: any criterion met means the household is clearly not poor (no scored survey)."""

    household_id: str
    identified_on: dt.date
    criteria_met: tuple[str, ...] = ()

    @property
    def needs_survey(self) -> bool:
        return not self.criteria_met
