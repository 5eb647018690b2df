"""The pure parser refuses a broken definition, naming every problem by its path."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from dossier.domain.errors import ProcedureDefinitionError
from dossier.domain.procedures.parser import parse_procedure


def shipped(name: str = "ho-tro-mai-tang") -> dict[str, Any]:
    folder = resources.files("dossier.domain.procedures").joinpath("data")
    doc: dict[str, Any] = json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    return doc


def problems(doc: Any) -> dict[str, str]:
    with pytest.raises(ProcedureDefinitionError) as refused:
        parse_procedure(doc)
    return {e.field: e.message for e in refused.value.errors}


def test_a_shipped_definition_parses() -> None:
    procedure = parse_procedure(shipped())
    assert procedure.forms["04"].field_named("deceased") is not None


def test_missing_and_mistyped_fields_are_named() -> None:
    doc = shipped()
    del doc["name"]
    doc["version"] = 3
    doc["workflows"]["three_level"]["steps"][1]["working_days"] = -1
    doc["workflows"]["three_level"]["steps"][0]["level"] = "hamlet"
    found = problems(doc)
    assert set(found) >= {
        "name",
        "version",
        "workflows.three_level.steps[1].working_days",
        "workflows.three_level.steps[0].level",
    }


def test_a_purpose_must_use_forms_of_the_definition() -> None:
    doc = shipped()
    doc["purposes"][0]["forms"] = {"*": ["99"]}
    assert "Không có mẫu tờ khai '99'" in problems(doc)["purposes[0].forms.*"]


def test_district_steps_do_not_exist_in_the_two_level_model() -> None:
    doc = shipped()
    doc["workflows"]["two_level"]["steps"][1]["level"] = "district"
    doc["workflows"]["two_level"]["deciding_level"] = "district"
    assert "workflows.two_level.steps[1].level" in problems(doc)


def test_the_last_step_is_the_decision_and_steps_keep_their_order() -> None:
    doc = shipped()
    steps = doc["workflows"]["three_level"]["steps"]
    steps.reverse()
    with pytest.raises(ProcedureDefinitionError) as refused:
        parse_procedure(doc)
    messages = [(e.field, e.message.split(":")[0]) for e in refused.value.errors]
    assert messages == [
        ("workflows.three_level.steps[0].level", "Bước đầu tiên phải do cấp xã thực hiện."),
        ("workflows.three_level.steps", "Bước cuối phải là ký quyết định tại cấp quyết định."),
        ("workflows.three_level.steps", "Các bước phải theo thứ tự"),
    ]


def test_citizens_do_not_handle_steps() -> None:
    doc = shipped()
    doc["workflows"]["two_level"]["steps"][0]["roles"] = ["citizen"]
    assert "workflows.two_level.steps[0].roles[0]" in problems(doc)


def test_unknown_field_type_and_choice_without_options() -> None:
    doc = copy.deepcopy(shipped())
    fields = doc["forms"]["04"]["fields"]
    fields[1]["type"] = "photo"
    fields.append({"name": "x", "label": "X", "type": "choice"})
    found = problems(doc)
    assert "forms.04.fields[1].type" in found
    assert f"forms.04.fields[{len(fields) - 1}].choices" in found


def test_not_an_object() -> None:
    assert problems([1, 2]) == {"": "Phải là một đối tượng JSON."}
