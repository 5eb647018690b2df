"""Classification per rule of each standard, an urban and a rural household at each threshold."""

from __future__ import annotations

import datetime as dt

import pytest

from ansinh_common.catalogs.personal_id import Gender
from poverty.domain.errors import SurveyInvalid
from poverty.domain.model import Area, HouseholdStatus, Member, Relation
from poverty.domain.rules.classification import classify
from poverty.domain.rules.low_income_worker import low_income_workers
from poverty.domain.rules.review_outcome import (
    left_near_poverty,
    left_poverty,
    recognised_status,
)
from poverty.domain.scoring import ScoringModel, parse_scoring_model, scoring_model_for
from poverty.domain.standards import IncomeBand, get_standard, standard_for_year

from .poverty_builders import GOOD_MEMBER, deprive, household, member, survey

POOR = HouseholdStatus.POOR
NEAR = HouseholdStatus.NEAR_POOR
MIDDLE = HouseholdStatus.AVERAGE_LIVING
NONE = HouseholdStatus.NONE


def _status(code: str, area: Area, income: int, deprived: int) -> HouseholdStatus:
    hh = household(area=area)
    return classify(survey(hh, income=income, deprived=deprived), get_standard(code)).status


# ----- 2022-2025 (Decree 07/2021/NĐ-CP), kept through 2026 ------------------------------------
@pytest.mark.parametrize(
    ("area", "line", "middle"),
    [(Area.RURAL, 1_500_000, 2_250_000), (Area.URBAN, 2_000_000, 3_000_000)],
)
def test_2022_poor_near_poor_middle_at_each_threshold(area: Area, line: int, middle: int) -> None:
    assert _status("2022-2025", area, line, 3) is POOR  # at the line, 3 deprivations
    assert _status("2022-2025", area, line, 2) is NEAR  # at the line, under 3
    assert _status("2022-2025", area, line - 1, 0) is NEAR
    assert _status("2022-2025", area, line + 1, 4) is MIDDLE  # above the line: not poor
    assert _status("2022-2025", area, middle, 0) is MIDDLE
    assert _status("2022-2025", area, middle + 1, 4) is NONE


def test_the_urban_line_is_not_the_rural_line() -> None:
    assert _status("2022-2025", Area.RURAL, 1_800_000, 3) is MIDDLE
    assert _status("2022-2025", Area.URBAN, 1_800_000, 3) is POOR


def test_review_year_picks_the_standard() -> None:
    assert standard_for_year(2016).code == "2016-2020"
    assert standard_for_year(2022).code == "2022-2025"
    assert standard_for_year(2026).code == "2022-2025"  # kept in force by Decree 351/2025
    assert standard_for_year(2027).code == "2027-2030"
    assert standard_for_year(2030).code == "2027-2030"


# ----- 2027-2030 (Decree 351/2025/NĐ-CP) ------------------------------------------------------
@pytest.mark.parametrize(("area", "line"), [(Area.RURAL, 2_200_000), (Area.URBAN, 2_800_000)])
def test_2027_lines(area: Area, line: int) -> None:
    assert _status("2027-2030", area, line, 3) is POOR
    assert _status("2027-2030", area, line, 2) is NEAR
    assert _status("2027-2030", area, line + 1, 5) is NONE  # no middle-living line published


def test_a_household_poor_in_2026_may_be_near_poor_in_2027_on_the_same_facts() -> None:
    hh = household(area=Area.URBAN)
    s = survey(hh, income=2_500_000, deprived=3)
    assert classify(s, standard_for_year(2026)).status is MIDDLE
    assert classify(s, standard_for_year(2027)).status is POOR


# ----- 2016-2020 (Decision 59/2015/QĐ-TTg) ----------------------------------------------------
@pytest.mark.parametrize(
    ("area", "poor", "near"), [(Area.RURAL, 700_000, 1_000_000), (Area.URBAN, 900_000, 1_300_000)]
)
def test_2016_income_or_band_and_deprivation(area: Area, poor: int, near: int) -> None:
    assert _status("2016-2020", area, poor, 0) is POOR  # at the poor line: poor regardless
    assert _status("2016-2020", area, poor + 1, 3) is POOR  # in the band with 3 deprivations
    assert _status("2016-2020", area, poor + 1, 2) is NEAR
    assert _status("2016-2020", area, near, 2) is NEAR
    assert _status("2016-2020", area, near + 1, 4) is NONE


# ----- scored survey (score A bands, score B) -------------------------------------------------
ANSWERS = {  # the shipped (placeholder) table, rural: 60 + 40 + 0 + 20 + 15 + 0 = 135
    "household_size": "1",
    "head_education": "none",
    "motorbike": "yes",
    "fridge": "yes",
    "farm_land": "none",
}


def _model_at(rural: int, urban: int) -> ScoringModel:
    """A replacement table (data only) with one item worth exactly the given score A."""
    return parse_scoring_model(
        {
            "code": "test-table",
            "standard": "2022-2025",
            "version": 2,
            "valid_from": "2025-01-01",
            "valid_to": "2025-12-31",
            "legal_basis": "Circular 07/2021/TT-BLĐTBXH",
            "source": "test",
            "verified": True,
            "thresholds_verified": True,
            "regions": ["rural", "urban"],
            "base_points": {"rural": 0, "urban": 0},
            "bands": {
                "rural": [
                    {"band": "poor_line", "min": 0, "max": 140},
                    {"band": "above", "min": 141, "max": None},
                ],
                "urban": [
                    {"band": "poor_line", "min": 0, "max": 175},
                    {"band": "above", "min": 176, "max": None},
                ],
            },
            "items": [
                {
                    "code": "x",
                    "options": [
                        {"code": "at", "points": {"rural": rural, "urban": urban}},
                        {"code": "above", "points": {"rural": rural + 1, "urban": urban + 1}},
                    ],
                }
            ],
        }
    )


@pytest.mark.parametrize(("area", "at"), [(Area.RURAL, 140), (Area.URBAN, 175)])
def test_score_a_at_the_threshold_is_poor_one_point_above_is_not(area: Area, at: int) -> None:
    std = get_standard("2022-2025")
    model = _model_at(140, 175)
    hh = household(area=area)
    c = classify(survey(hh, answers={"x": "at"}, deprived=3), std, model)
    assert (c.score_a, c.income_band, c.status, c.score_b) == (at, IncomeBand.POOR_LINE, POOR, 30)
    c = classify(survey(hh, answers={"x": "at"}, deprived=2), std, model)
    assert c.status is NEAR
    c = classify(survey(hh, answers={"x": "above"}, deprived=3), std, model)
    assert (c.score_a, c.income_band, c.status) == (at + 1, IncomeBand.ABOVE, NONE)


def test_the_shipped_table_scores_and_is_marked_unverified() -> None:
    std = get_standard("2022-2025")
    c = classify(survey(answers=ANSWERS, deprived=3), std)
    assert (c.score_a, c.status, c.scoring_model) == (135, POOR, "phieu-b-2022")
    model = scoring_model_for("2022-2025", dt.date(2025, 9, 20))
    assert model.verified is False and "NOT verified" in model.source
    assert model.thresholds_verified is True


@pytest.mark.parametrize(("area", "threshold"), [(Area.RURAL, 140), (Area.URBAN, 175)])
def test_scored_survey_threshold_each_area(area: Area, threshold: int) -> None:
    model = scoring_model_for("2022-2025", dt.date(2025, 9, 20))
    assert model.threshold(area.value) == threshold
    assert model.band(area.value, threshold) is IncomeBand.POOR_LINE
    assert model.band(area.value, threshold + 1) is IncomeBand.ABOVE


def test_score_b_is_ten_points_per_deprivation_and_poor_from_thirty() -> None:
    std = get_standard("2022-2025")
    for n in range(5):
        c = classify(survey(income=1_000_000, deprived=n), std)
        assert c.score_b == 10 * n
        assert c.status is (POOR if n >= 3 else NEAR)


def test_each_deprivation_carries_its_legal_basis() -> None:
    c = classify(survey(income=1_000_000, deprived=4), get_standard("2022-2025"))
    assert c.deprivation_codes == (
        "drinking_water",
        "sanitation",
        "telecom_use",
        "information_access_means",
    )
    assert all(d.legal_basis.startswith("Decree 07/2021/NĐ-CP") for d in c.deprivations)
    assert c.legal_basis.startswith("Decree 07/2021/NĐ-CP Art. 3")
    old = classify(survey(income=1_000_000, deprived=1), get_standard("2016-2020"))
    assert old.deprivations[0].legal_basis.startswith("Decision 59/2015/QĐ-TTg")


# ----- indicator thresholds read the members ---------------------------------------------------
def _family() -> tuple[Member, ...]:
    return (
        member("m1", Relation.HEAD, dt.date(1980, 1, 1), serial=1),
        member("m2", Relation.CHILD, dt.date(2010, 9, 21), Gender.FEMALE, 2),  # 14 on the day
        member("m3", Relation.CHILD, dt.date(2020, 1, 1), serial=3),  # 5
    )


def test_member_thresholds_follow_the_age_ranges() -> None:
    hh = household(members=_family())
    std = get_standard("2022-2025")
    facts = {m.member_id: dict(GOOD_MEMBER) for m in hh.members}
    facts["m3"]["has_health_insurance"] = False  # 5 years old: outside "from 6"
    assert classify(survey(hh, income=1, member_facts=facts), std).deprivations == ()
    facts["m2"]["has_health_insurance"] = False  # 14: counts
    c = classify(survey(hh, income=1, member_facts=facts), std)
    assert [(d.indicator, d.members) for d in c.deprivations] == [("health_insurance", ("m2",))]


def test_birthday_on_the_survey_day_counts() -> None:
    hh = household(members=(member("m1", Relation.HEAD, dt.date(2009, 9, 20), serial=4),))
    facts = {"m1": {**GOOD_MEMBER, "stunted_or_underweight": True}}
    std = get_standard("2022-2025")
    c = classify(survey(hh, income=1, member_facts=facts), std)  # 16 today: no longer a child
    assert c.deprivations == ()
    c = classify(survey(hh, income=1, member_facts=facts, on=dt.date(2025, 9, 19)), std)
    assert c.deprivation_codes == ("nutrition",)


def test_dependants_above_half_and_area_per_person() -> None:
    hh = household(members=_family())
    std = get_standard("2022-2025")
    facts = {m.member_id: dict(GOOD_MEMBER) for m in hh.members}
    facts["m2"]["dependant"] = True
    half = {**deprive(0), "floor_area_m2": 24}  # 3 people: 8 m2 each, not below
    assert (
        classify(survey(hh, income=1, member_facts=facts, household_facts=half), std).deprivations
        == ()
    )
    facts["m3"]["dependant"] = True  # 2 of 3 > 50 %
    small = {**deprive(0), "floor_area_m2": 23}
    c = classify(survey(hh, income=1, member_facts=facts, household_facts=small), std)
    assert c.deprivation_codes == ("dependants", "housing_area")


def test_missing_facts_are_named_with_their_path() -> None:
    hh = household()
    facts = {
        "m1": dict(GOOD_MEMBER),
        "m2": {k: v for k, v in GOOD_MEMBER.items() if k != "has_health_insurance"},
    }
    house = {k: v for k, v in deprive(0).items() if k != "floor_area_m2"}
    with pytest.raises(SurveyInvalid) as err:
        classify(
            survey(hh, income=1, member_facts=facts, household_facts=house),
            get_standard("2022-2025"),
        )
    fields = {e.field for e in err.value.errors}
    assert fields == {"members[1].facts.has_health_insurance", "household_facts.floor_area_m2"}
    assert err.value.http_status == 422


def test_a_survey_needs_income_or_answers_not_both() -> None:
    with pytest.raises(SurveyInvalid):
        survey()
    with pytest.raises(SurveyInvalid):
        survey(income=1, answers=ANSWERS)
    with pytest.raises(SurveyInvalid) as err:
        classify(survey(answers={"household_size": "1"}), get_standard("2022-2025"))
    assert "answers.head_education" in {e.field for e in err.value.errors}


# ----- outcomes: left poverty, left near-poverty ------------------------------------------------
@pytest.mark.parametrize("code", ["2016-2020", "2022-2025", "2027-2030"])
def test_left_poverty_under_each_standard(code: str) -> None:
    std = get_standard(code)
    rich = classify(survey(income=10_000_000, deprived=0), std)
    assert recognised_status(POOR, rich.status) is HouseholdStatus.LEFT_POVERTY
    assert left_poverty(POOR, HouseholdStatus.LEFT_POVERTY)
    assert recognised_status(NEAR, rich.status) is HouseholdStatus.LEFT_NEAR_POVERTY
    assert left_near_poverty(NEAR, HouseholdStatus.LEFT_NEAR_POVERTY)
    line = std.income[Area.RURAL].near_poor
    near = classify(survey(income=line, deprived=0), std)
    assert recognised_status(POOR, near.status) is NEAR  # poor -> near-poor: left poverty too
    assert left_poverty(POOR, NEAR) and not left_near_poverty(NEAR, NEAR)
    assert recognised_status(NONE, rich.status) is rich.status


# ----- low-income workers (Decree 30/2025/NĐ-CP) ------------------------------------------------
def test_low_income_workers_are_working_members_of_middle_households() -> None:
    kid = member("m3", Relation.CHILD, dt.date(2012, 1, 1), serial=5)
    hh = household(area=Area.URBAN, members=(*household().members, kid))
    std = get_standard("2022-2025")
    facts = {m.member_id: dict(GOOD_MEMBER) for m in hh.members}
    facts["m2"]["works"] = False
    middle = survey(hh, income=3_000_000, member_facts=facts)
    assert low_income_workers(middle, classify(middle, std)) == {"m1"}  # m2 idle, m3 is 13
    above = survey(hh, income=3_000_001, member_facts=facts)
    assert low_income_workers(above, classify(above, std)) == frozenset()
    poor = survey(hh, income=2_000_000, member_facts=facts)
    assert low_income_workers(poor, classify(poor, std)) == frozenset()
