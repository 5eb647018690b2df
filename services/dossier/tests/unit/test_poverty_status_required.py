"""Which dossiers need the household's poverty status (Decree 20/2021/NĐ-CP Art. 5), and how the
answer is recorded on the dossier and shown in Vietnamese."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

import pytest

from dossier.domain.errors import ProcedureDefinitionError
from dossier.domain.procedures.catalog import shipped_catalog
from dossier.domain.procedures.parser import parse_procedure
from dossier.domain.records import PovertyStatusAnswer
from dossier.domain.rules import poverty_status_required as rule
from dossier.domain.rules.poverty_status_required import (
    claimed_categories,
    poverty_status_required,
)

from .dossier_builders import at, commune_officer, received

CATALOG = shipped_catalog()
ALLOWANCE = CATALOG.get("tro-cap-xa-hoi-hang-thang")


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert rule.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 5.3, 5.4, 5.5a, 5.5b, 5.7, 5.8"


def test_the_monthly_allowance_lists_the_poverty_groups() -> None:
    assert ALLOWANCE.poverty_status_categories == {"5.3", "5.4", "5.5a", "5.5b", "5.7", "5.8"}


@pytest.mark.parametrize(
    ("purpose", "form", "needed"),
    [
        ("grant_allowance", "1b", True),  # elderly 5.5a-5.5d: 5.5a, 5.5b need it
        ("grant_allowance", "1c", True),  # single parent 5.4
        ("grant_allowance", "1d", True),  # HIV 5.8
        ("grant_allowance", "1a", True),  # children: 5.3 and 5.7 among 5.1, 5.2, 5.3, 5.7
        ("grant_allowance", "1đ", False),  # disability 5.6
        ("adjust_allowance", "1b", True),
        ("adjust_allowance", "TB", False),  # a notice names no category
    ],
)
def test_the_form_of_the_purpose_decides(purpose: str, form: str, needed: bool) -> None:
    assert poverty_status_required(ALLOWANCE, purpose, form) is needed


def test_claimed_categories_come_from_the_purpose_forms() -> None:
    assert claimed_categories(ALLOWANCE, "grant_allowance", "1b") == {
        "5.5a",
        "5.5b",
        "5.5c",
        "5.5d",
    }
    assert claimed_categories(ALLOWANCE, "no_such_purpose", "1b") == frozenset()


def test_procedures_without_the_flag_never_need_it() -> None:
    for procedure_id in CATALOG.ids():
        procedure = CATALOG.get(procedure_id)
        if procedure_id == ALLOWANCE.id:
            continue
        assert procedure.poverty_status_categories == frozenset()
        for purpose in procedure.purposes:
            for forms in purpose.forms.values():
                for form in forms:
                    assert not poverty_status_required(procedure, purpose.id, form)


def _allowance_doc() -> dict[str, Any]:
    folder = resources.files("dossier.domain.procedures").joinpath("data")
    text = folder.joinpath("tro-cap-xa-hoi-hang-thang.json").read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)
    return doc


def test_the_parser_refuses_an_unknown_or_mistyped_category() -> None:
    doc = _allowance_doc()
    doc["poverty_status_categories"] = ["5.5a", "9.9"]
    with pytest.raises(ProcedureDefinitionError) as refused:
        parse_procedure(doc)
    assert {e.field for e in refused.value.errors} == {"poverty_status_categories"}
    doc["poverty_status_categories"] = "5.5a"
    with pytest.raises(ProcedureDefinitionError):
        parse_procedure(doc)


def test_the_answer_is_recorded_at_the_check_in_vietnamese() -> None:
    dossier = received(dt.date(2026, 3, 2))
    answer = PovertyStatusAnswer(True, "poor", "01-hh-1", dt.date(2026, 3, 2))
    dossier.check_population(
        commune_officer(subject="can-bo"),
        at(dt.date(2026, 3, 3)),
        matched=True,
        reference="r",
        poverty=answer,
    )
    assert dossier.poverty_status == answer
    assert dossier.history[-1].note == (
        "Khớp thông tin. Diện hộ nghèo ngày 02/03/2026: Hộ nghèo (hộ 01-hh-1)."
    )


def test_labels_of_the_answers() -> None:
    day = dt.date(2026, 4, 1)
    near = PovertyStatusAnswer(True, "near_poor", "h-2", day)
    assert near.label == "Diện hộ nghèo ngày 01/04/2026: Hộ cận nghèo (hộ h-2)."
    none = PovertyStatusAnswer(False, "none", None, day)
    assert none.label == "Diện hộ nghèo ngày 01/04/2026: không thuộc hộ nghèo/cận nghèo."
    left = PovertyStatusAnswer(False, "left_poverty", "h-3", day)
    assert left.label == (
        "Diện hộ nghèo ngày 01/04/2026: không thuộc hộ nghèo/cận nghèo (Hộ đã thoát nghèo, hộ h-3)."
    )
