"""Standards and scoring models are data: the shipped files load, broken files are refused."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ansinh_common.catalogs.poverty_standards import Area, poverty_standards
from poverty.domain.errors import NoStandard, StandardDataError
from poverty.domain.package_data import list_json, load_json
from poverty.domain.scoring import (
    check_no_overlap,
    parse_scoring_model,
    scoring_model_for,
    scoring_models,
)
from poverty.domain.standards import get_standard, parse_extensions, standard_for_year, standards


def _fields(err: pytest.ExceptionInfo[StandardDataError]) -> set[str]:
    return {e.field for e in err.value.errors}


# ----- standards ---------------------------------------------------------------------------
def test_every_standard_of_the_catalog_is_usable_with_the_catalog_income_lines() -> None:
    catalog = {s.code: s for s in poverty_standards()}
    assert [s.code for s in standards()] == ["2016-2020", "2022-2025", "2027-2030"]
    for s in standards():
        assert dict(s.income) == dict(catalog[s.code].income)
        assert [i.code for i in s.indicators] == [i.code for i in catalog[s.code].indicators]
        assert all(i.legal_basis for i in s.indicators)
    assert get_standard("2027-2030").income[Area.URBAN].poor == 2_800_000
    assert len(get_standard("2022-2025").indicators) == 12
    assert len(get_standard("2016-2020").indicators) == 10


def test_no_standard_for_years_outside_every_period() -> None:
    with pytest.raises(NoStandard):
        standard_for_year(2015)
    with pytest.raises(NoStandard):
        standard_for_year(2031)


def _raw() -> Any:
    return copy.deepcopy(load_json("standards.json"))


def test_a_missing_or_repeated_indicator_is_refused_with_its_path() -> None:
    raw = _raw()
    indicators = raw["standards"][1]["indicators"]
    indicators.append(copy.deepcopy(indicators[0]))
    del indicators[3]
    with pytest.raises(StandardDataError) as err:
        parse_extensions(raw, poverty_standards())
    assert _fields(err) == {"standards[1].indicators[11].code", "standards[1].indicators"}
    messages = " ".join(e.message for e in err.value.errors)
    assert "health_insurance" in messages and "lặp" in messages


def test_bad_thresholds_and_rule_points_are_refused() -> None:
    raw = _raw()
    std = raw["standards"][1]
    std["poor_min_score_b"] = 25
    std["indicators"][0]["threshold"] = {
        "kind": "member_flag",
        "fact": "x",
        "age_from": 10,
        "age_below": 5,
    }
    std["indicators"][1]["threshold"]["kind"] = "guess"
    std["indicators"][2]["legal_basis"] = ""
    std["indicators"][6]["threshold"] = {"kind": "household_at_least", "fact": "y", "value": -1}
    raw["standards"][2]["code"] = "2031-2035"
    with pytest.raises(StandardDataError) as err:
        parse_extensions(raw, poverty_standards())
    assert _fields(err) == {
        "standards[1].poor_min_score_b",
        "standards[1].indicators[0].threshold.deprived_when",
        "standards[1].indicators[0].threshold.age_below",
        "standards[1].indicators[1].threshold.kind",
        "standards[1].indicators[2].legal_basis",
        "standards[1].indicators[6].threshold.value",
        "standards[2].code",
    }
    assert err.value.http_status == 422


# ----- scoring models ------------------------------------------------------------------------
def test_shipped_models_load_with_validity_and_thresholds() -> None:
    assert list_json("scoring") == ["2016-2020.json", "2022-2025.json"]
    models = {m.standard: m for m in scoring_models()}
    m22 = models["2022-2025"]
    assert (m22.threshold("rural"), m22.threshold("urban")) == (140, 175)
    assert m22.valid_on(dt.date(2026, 12, 31)) and not m22.valid_on(dt.date(2027, 1, 1))
    assert all(not m.verified and m.source for m in models.values())
    with pytest.raises(NoStandard):
        scoring_model_for("2027-2030", dt.date(2027, 9, 1))  # no scored survey published yet


def _model() -> Any:
    return copy.deepcopy(load_json("scoring", "2022-2025.json"))


@pytest.mark.parametrize(
    ("bands", "field", "word"),
    [
        (
            [
                {"band": "poor_line", "min": 0, "max": 140},
                {"band": "above", "min": 142, "max": None},
            ],
            "[1].min",
            "hở",
        ),
        (
            [
                {"band": "poor_line", "min": 0, "max": 140},
                {"band": "above", "min": 140, "max": None},
            ],
            "[1].min",
            "chồng lấn",
        ),
        (
            [
                {"band": "poor_line", "min": 5, "max": 140},
                {"band": "above", "min": 141, "max": None},
            ],
            "[0].min",
            "hở",
        ),
        (
            [
                {"band": "poor_line", "min": 0, "max": 140},
                {"band": "above", "min": 141, "max": 900},
            ],
            "[1].max",
            "trống",
        ),
        (
            [
                {"band": "poor_line", "min": 0, "max": None},
                {"band": "above", "min": 141, "max": None},
            ],
            "[0].max",
            "cuối",
        ),
        (
            [
                {"band": "poor_line", "min": 0, "max": 100},
                {"band": "poor_line", "min": 101, "max": None},
            ],
            "[1].band",
            "lặp",
        ),
    ],
)
def test_threshold_gaps_and_overlaps_are_refused(bands: list[Any], field: str, word: str) -> None:
    raw = _model()
    raw["bands"]["urban"] = bands
    with pytest.raises(StandardDataError) as err:
        parse_scoring_model(raw, "scoring/x.json")
    assert [e.field for e in err.value.errors] == [f"scoring/x.json.bands.urban{field}"]
    assert word in err.value.errors[0].message


def test_points_must_exist_for_every_region_and_dates_be_ordered() -> None:
    raw = _model()
    del raw["items"][0]["options"][1]["points"]["urban"]
    raw["items"][1]["options"][0]["points"]["mountain"] = 3
    raw["valid_to"] = "2020-01-01"
    raw["verified"] = "no"
    with pytest.raises(StandardDataError) as err:
        parse_scoring_model(raw)
    assert _fields(err) == {
        "items[0].options[1].points.urban",
        "items[1].options[0].points.mountain",
        "valid_to",
        "verified",
    }


def test_two_models_of_one_standard_may_not_overlap_in_time() -> None:
    a = parse_scoring_model(_model())
    raw = _model()
    raw["code"], raw["valid_from"] = "phieu-b-2026", "2026-06-01"
    b = parse_scoring_model(raw)
    with pytest.raises(StandardDataError):
        check_no_overlap([a, b])
    raw["valid_from"], a_end = "2027-01-01", a.valid_to
    raw["valid_to"] = "2027-12-31"
    check_no_overlap([a, parse_scoring_model(raw)])
    assert a_end == dt.date(2026, 12, 31)
