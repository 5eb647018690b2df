"""The administrative model is configuration chosen by date of receipt and province."""

from __future__ import annotations

import datetime as dt

import pytest

from ansinh_common.authz import UnitModel
from dossier.domain import admin_models
from dossier.domain.admin_models import parse_selector, shipped_selector
from dossier.domain.errors import ProcedureDefinitionError


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert "Decree 147/2025/NĐ-CP Art. 5.1" in admin_models.LEGAL_BASIS


def test_cutover_on_1_july_2025() -> None:
    selector = shipped_selector()
    assert selector.model_for(dt.date(2025, 6, 30), "01") is UnitModel.THREE_LEVEL
    assert selector.model_for(dt.date(2025, 7, 1), "01") is UnitModel.TWO_LEVEL
    assert selector.model_for(dt.date(2021, 7, 1), "79") is UnitModel.THREE_LEVEL


def test_a_province_can_have_its_own_periods() -> None:
    selector = parse_selector(
        {
            "periods": [
                {"model": "three_level", "from": None, "until": "2025-06-30"},
                {"model": "two_level", "from": "2025-07-01", "until": None},
            ],
            "province_overrides": {
                "79": [{"model": "two_level", "from": "2025-06-01", "until": "2025-06-30"}]
            },
        }
    )
    assert selector.model_for(dt.date(2025, 6, 15), "79") is UnitModel.TWO_LEVEL
    assert selector.model_for(dt.date(2025, 6, 15), "01") is UnitModel.THREE_LEVEL


def test_overlapping_or_broken_periods_are_refused() -> None:
    with pytest.raises(ProcedureDefinitionError) as refused:
        parse_selector(
            {
                "periods": [
                    {"model": "three_level", "from": None, "until": "2025-07-15"},
                    {"model": "two_level", "from": "2025-07-01", "until": None},
                    {"model": "one_level", "from": "2030-01-01"},
                    {"model": "two_level", "from": "2031-13-01"},
                ]
            }
        )
    fields = [e.field for e in refused.value.errors]
    assert "periods[2].model" in fields and "periods[3].from" in fields and "periods" in fields
