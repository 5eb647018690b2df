"""Every legal basis the payment service shows has its Vietnamese citation, every catalog
condition its Vietnamese label (``domain/citations.py``): adding a rule without one fails here."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import payment.domain
import payment.domain.rules
from ansinh_common.catalogs.assistance_categories import CATEGORIES
from ansinh_common.catalogs.standard_levels import default_table
from payment.domain.citations import (
    CONDITION_LABELS,
    condition_label,
    untranslated,
    vietnamese_basis,
)


def _modules(package: ModuleType) -> list[ModuleType]:
    return [
        importlib.import_module(f"{package.__name__}.{m.name}")
        for m in pkgutil.iter_modules(package.__path__)
    ]


def _bases() -> list[str]:
    modules = _modules(payment.domain) + _modules(payment.domain.rules)
    bases = [m.LEGAL_BASIS for m in modules if hasattr(m, "LEGAL_BASIS")]
    assert len(bases) >= 18  # the rules modules are all found
    bases += [c.legal_basis for c in CATEGORIES]
    bases += [r.legal_basis for c in CATEGORIES for r in c.rules]
    table = default_table()
    bases += [r.legal_basis for r in (*table.national, *table.provincial)]
    return bases


@pytest.mark.parametrize("basis", sorted(set(_bases())))
def test_every_legal_basis_has_its_vietnamese_citation(basis: str) -> None:
    assert untranslated(basis) == []
    shown = vietnamese_basis(basis)
    for english in ("Decree", "Circular", "Decision", "Art.", "verify"):
        assert english not in shown


def test_citations_read_as_vietnamese_law_is_cited() -> None:
    assert vietnamese_basis("Decree 20/2021/NĐ-CP Art. 6.1.a") == (
        "Nghị định 20/2021/NĐ-CP, Điều 6, khoản 1, điểm a"
    )
    # arrears: the month's basis, then Art. 8; several groups: Art. 6.2 after
    assert vietnamese_basis(
        "Decree 20/2021/NĐ-CP Art. 6.1.đ; Decree 20/2021/NĐ-CP Art. 6.2; "
        "Decree 20/2021/NĐ-CP Art. 8"
    ) == (
        "Nghị định 20/2021/NĐ-CP, Điều 6, khoản 1, điểm đ; Nghị định 20/2021/NĐ-CP, Điều 6, "
        "khoản 2; Nghị định 20/2021/NĐ-CP, Điều 8"
    )
    # a citation holding "; " is one citation
    assert vietnamese_basis(
        "Decree 76/2024/NĐ-CP Art. 1.1 (amending Decree 20/2021 Art. 4.1); applies from "
        "1 Jul 2024, Art. 2"
    ).startswith("Nghị định 76/2024/NĐ-CP, Điều 1, khoản 1")
    assert vietnamese_basis("Circular 02/2021/TT-BLĐTBXH Art. 2.3") == (
        "Thông tư 02/2021/TT-BLĐTBXH, Điều 2, khoản 3"
    )


def test_a_province_resolution_keeps_its_number_and_cites_the_decree_in_vietnamese() -> None:
    basis = "Nghị quyết 130/2021/NQ-HĐND (Decree 76/2024/NĐ-CP Art. 1)"
    assert untranslated(basis) == []
    assert vietnamese_basis(basis) == (
        "Nghị quyết 130/2021/NQ-HĐND (Nghị định 76/2024/NĐ-CP, Điều 1)"
    )
    assert vietnamese_basis("Nghị quyết 12/2024/NQ-HĐND") == "Nghị quyết 12/2024/NQ-HĐND"


def test_an_unknown_citation_is_reported_and_shown_as_written() -> None:
    assert untranslated("Decree 99/2099/NĐ-CP Art. 1") == ["Decree 99/2099/NĐ-CP Art. 1"]
    assert vietnamese_basis("Decree 99/2099/NĐ-CP Art. 1") == "Decree 99/2099/NĐ-CP Art. 1"


@pytest.mark.parametrize(
    "condition", sorted({r.condition for c in CATEGORIES for r in c.rules} - {"default"})
)
def test_every_catalog_condition_has_its_vietnamese_label(condition: str) -> None:
    assert CONDITION_LABELS.get(condition)
    assert "_" not in condition_label(condition)


def test_condition_labels() -> None:
    assert condition_label("from_80") == "Từ đủ 80 tuổi"
    assert condition_label("default") == "" and condition_label(None) == ""
