"""Declaration forms are validated field by field, with the path of each error."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.domain.errors import FormInvalid
from dossier.domain.procedures.forms import check_form, validate_form

from .dossier_builders import ALLOWANCE, APPLICANT_ID, elderly_values

TODAY = dt.date(2026, 3, 2)


def single_parent(**extra: object) -> dict[str, object]:
    values = elderly_values(household_poverty="near_poor", single_parent_situation="unmarried")
    del values["lives_with"], values["has_pension"]
    values["children"] = [{"full_name": "Lê Văn An", "birth_date": "2015-09-01", "studying": True}]
    values.update(extra)
    return values


def test_a_valid_form_is_cleaned() -> None:
    cleaned = validate_form(ALLOWANCE.forms["1c"], single_parent(), TODAY)
    assert cleaned["full_name"] == "NGUYỄN THỊ LAN"  # the forms ask for capitals
    assert cleaned["birth_date"] == dt.date(1950, 3, 2)
    assert cleaned["children"][0]["full_name"] == "LÊ VĂN AN"
    assert cleaned["personal_id"] == APPLICANT_ID


def test_every_error_is_named_by_its_path() -> None:
    values = single_parent(
        personal_id="12345",
        gender="x",
        ethnicity="99",
        commune_code="01",
        nickname="Lan",
        children=[{"full_name": "A", "birth_date": "2030-01-01"}, {"birth_date": "bad"}],
    )
    _, errors = check_form(ALLOWANCE.forms["1c"], values, TODAY)
    assert {e.field: e.code for e in errors} == {
        "values.nickname": "unknown_field",
        "values.gender": "invalid",
        "values.ethnicity": "invalid",
        "values.personal_id": "invalid",
        "values.commune_code": "invalid",
        "values.children[0].birth_date": "in_future",
        "values.children[1].full_name": "required",
        "values.children[1].birth_date": "invalid",
    }


def test_a_repeated_group_needs_its_minimum() -> None:
    with pytest.raises(FormInvalid) as refused:
        validate_form(ALLOWANCE.forms["1c"], single_parent(children=[]), TODAY)
    assert [e.field for e in refused.value.errors] == ["values.children"]
    assert "Tờ khai 1c" in refused.value.detail


def test_wrong_types_are_refused() -> None:
    _, errors = check_form(
        ALLOWANCE.forms["1b"], elderly_values(has_pension="no", full_name=7), TODAY
    )
    assert {e.field for e in errors} == {"values.has_pension", "values.full_name"}
