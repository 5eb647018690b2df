"""The survey form comes from the standard's data: its thresholds' facts split per member and
per household (numbers where the threshold counts), and the scoring model's Phiếu B items."""

from __future__ import annotations

import datetime as dt

import pytest

from ansinh_common.errors import InvalidInput
from poverty.domain.scoring import scoring_model_for
from poverty.domain.standards import get_standard
from poverty.domain.survey_form import survey_form
from poverty.service_layer.queries import survey_form_of


def test_the_2022_form_asks_each_threshold_fact_once_where_it_belongs() -> None:
    standard = get_standard("2022-2025")
    form = survey_form(standard, scoring_model_for("2022-2025", dt.date(2025, 9, 10)))
    household = {f.name: f for f in form.household_facts}
    member = {f.name: f for f in form.member_facts}
    assert set(household) | (set(member) - {"works"}) == {
        i.threshold.fact for i in standard.indicators
    }
    assert household["floor_area_m2"].count and not household["safe_water"].count
    assert member["has_health_insurance"].age_from == 6
    assert member["in_grade_for_age"].age_below == 16
    assert household["safe_water"].label == "Nước sinh hoạt an toàn"
    assert "works" in member and not member["works"].indicator
    assert form.questions[0].code == "household_size"
    assert form.questions[0].options[0].label == "1 người"
    assert form.scoring_verified is False  # placeholder items (docs/poverty.md)


def test_another_standard_gets_its_own_facts_and_an_unknown_one_names_the_field() -> None:
    form = survey_form_of("2016-2020", dt.date(2018, 9, 10))
    assert "house_temporary_or_dilapidated" in {f.name for f in form.household_facts}
    with pytest.raises(InvalidInput) as caught:
        survey_form_of("1999-2000", dt.date(2025, 9, 10))
    assert [e.field for e in caught.value.errors] == ["standard_code"]
