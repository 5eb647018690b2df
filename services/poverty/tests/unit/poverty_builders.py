"""Builders for the poverty domain's unit tests (named after the service: see the dossier's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ansinh_common.authz import Kind, Level
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from poverty.domain.actor import Actor
from poverty.domain.model import Area, Household, Member, Relation
from poverty.domain.survey import Survey

COMMUNE = "00004"
DISTRICT = "001"
SURVEY_DAY = dt.date(2025, 9, 20)

OFFICER = Actor("officer-1", Kind.OFFICER, Level.COMMUNE, COMMUNE)
CHAIR = Actor("chair-1", Kind.LEADER, Level.COMMUNE, COMMUNE)
DISTRICT_CHAIR = Actor("district-chair", Kind.LEADER, Level.DISTRICT, DISTRICT)
OTHER_OFFICER = Actor("officer-9", Kind.OFFICER, Level.COMMUNE, "00007")

# Member facts that deprive no indicator of any standard.
GOOD_MEMBER: dict[str, bool] = {
    "has_health_insurance": True,
    "stunted_or_underweight": False,
    "expected_education_or_in_training": True,
    "in_grade_for_age": True,
    "unemployed_or_uncontracted_wage_job": False,
    "dependant": False,
    "lower_secondary_or_in_school": True,
    "attends_school": True,
    "sick_untreated": False,
    "works": True,
}
# Household facts that deprive nothing; ``deprive`` turns some into deprivations.
GOOD_HOUSEHOLD: dict[str, int | bool] = {
    "non_durable_main_parts": 0,
    "floor_area_m2": 60,
    "safe_water": True,
    "hygienic_water": True,
    "hygienic_latrine": True,
    "uses_telecom": True,
    "has_information_means": True,
    "house_temporary_or_dilapidated": False,
}
# Household-level deprivations in the order ``deprive(n)`` applies them (all standards).
_DEPRIVING: list[dict[str, int | bool]] = [
    {"hygienic_latrine": False},
    {"uses_telecom": False},
    {"has_information_means": False},
    {"safe_water": False, "hygienic_water": False},
]


def deprive(n: int) -> dict[str, int | bool]:
    """Household facts deprived in exactly ``n`` indicators (0-4) under every standard."""
    facts = dict(GOOD_HOUSEHOLD)
    for change in _DEPRIVING[:n]:
        facts.update(change)
    return facts


def member(
    member_id: str,
    relation: Relation,
    birth: dt.date,
    gender: Gender = Gender.MALE,
    serial: int = 1,
    name: str = "Nguyễn Văn An",
    ethnicity: str = "01",
) -> Member:
    national_id = make_personal_id("001", gender, birth.year, serial)
    return Member(member_id, name, national_id, relation, birth, gender, ethnicity)


def household(
    household_id: str = "H1",
    area: Area = Area.RURAL,
    village: str = "Thôn 1",
    members: tuple[Member, ...] | None = None,
) -> Household:
    return Household(
        household_id,
        COMMUNE,
        village,
        "Thôn 1, xã Phúc Xá",
        area,
        members
        or (
            member(
                "m1",
                Relation.HEAD,
                dt.date(1980, 5, 1),
                serial=11,
                name="Lò Văn Páo",
                ethnicity="03",
            ),
            member(
                "m2", Relation.SPOUSE, dt.date(1982, 3, 2), Gender.FEMALE, 12, "Lò Thị Mai", "03"
            ),
        ),
    )


def survey(
    hh: Household | None = None,
    *,
    income: int | None = None,
    answers: Mapping[str, str] | None = None,
    deprived: int = 0,
    on: dt.date = SURVEY_DAY,
    member_facts: Mapping[str, Mapping[str, bool]] | None = None,
    household_facts: Mapping[str, int | bool] | None = None,
) -> Survey:
    hh = hh or household()
    facts = member_facts or {m.member_id: dict(GOOD_MEMBER) for m in hh.members}
    return Survey.of(
        hh,
        on,
        member_facts=facts,
        household_facts=household_facts if household_facts is not None else deprive(deprived),
        income_per_person=income,
        answers=answers,
    )
