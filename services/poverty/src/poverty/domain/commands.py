"""Commands the poverty service accepts outside a review (a review's actions are the methods
of ``review.Review``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from poverty.domain.model import Household, StatusChange


@dataclass(frozen=True, slots=True)
class RegisterHousehold:
    principal: Principal
    province_code: str
    household: Household


@dataclass(frozen=True, slots=True)
class RecordStatus:
    """A status decided by the commune chair, appended to the household's history."""

    principal: Principal
    province_code: str
    household_id: str
    change: StatusChange


@dataclass(frozen=True, slots=True)
class IssueCertificate:
    principal: Principal
    province_code: str
    household_id: str
    review_year: int
    issued_on: dt.date


Command = RegisterHousehold | RecordStatus | IssueCertificate


# ----- the review's steps (each applied to the review by the service layer) --------------
@dataclass(frozen=True, slots=True)
class SurveyAnswers:
    """What the reviewers recorded for one household (facts keyed by member id)."""

    household_id: str
    surveyed_on: dt.date
    member_facts: dict[str, dict[str, bool]]
    household_facts: dict[str, int | bool]
    income_per_person: int | None
    answers: dict[str, str] | None


@dataclass(frozen=True, slots=True)
class CloseList:
    on: dt.date


@dataclass(frozen=True, slots=True)
class RecordQuickIdentification:
    household_id: str
    on: dt.date
    criteria_met: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecordSurvey:
    survey: SurveyAnswers


@dataclass(frozen=True, slots=True)
class HoldVillageMeeting:
    village: str
    held_on: dt.date
    attendees: tuple[str, ...]
    chaired_by: str
    supervised_by: str
    minutes_refs: tuple[str, ...]
    agreeing: dict[str, int]


@dataclass(frozen=True, slots=True)
class StartPosting:
    on: dt.date


@dataclass(frozen=True, slots=True)
class RecordObjection:
    objection_id: str
    household_id: str
    raised_by: str
    text: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class SettleObjection:
    objection_id: str
    resolution: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class EndPosting:
    on: dt.date


@dataclass(frozen=True, slots=True)
class RecordDistrictOpinion:
    opinion: str
    agrees: bool
    on: dt.date


@dataclass(frozen=True, slots=True)
class DecideReview:
    decision_number: str
    on: dt.date
    refusal_reasons: dict[str, str]


ReviewAction = (
    CloseList
    | RecordQuickIdentification
    | RecordSurvey
    | HoldVillageMeeting
    | StartPosting
    | RecordObjection
    | SettleObjection
    | EndPosting
    | RecordDistrictOpinion
    | DecideReview
)
