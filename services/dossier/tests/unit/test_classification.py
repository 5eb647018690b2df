"""An appraisal's classification must fit the procedure's benefit and Decree 20's coefficients."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ansinh_common.errors import InvalidInput
from dossier.domain.procedures.model import EffectKind
from dossier.domain.rules import classification
from dossier.domain.rules.classification import classification_errors, require_classification

GRANT = EffectKind.REGISTER_BENEFICIARY


def fields(*args: object) -> dict[str, str]:
    return {e.field: e.code for e in classification_errors(*args)}  # type: ignore[arg-type]


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert classification.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 5, 6.1, 20")


def test_a_fitting_classification_passes() -> None:
    require_classification(GRANT, "monthly_allowance", "5.5a", Decimal("2.0"), 1_000_000)
    require_classification(GRANT, "care_support", "C4", Decimal("2.5"), None)
    # a 5.4 single parent: 1.0 per child, three children
    require_classification(GRANT, "monthly_allowance", "5.4", Decimal("3.0"), 1_500_000)


def test_category_of_another_benefit_is_refused() -> None:
    assert fields(GRANT, "monthly_allowance", "C1", Decimal("2.5"), None) == {
        "category": "wrong_benefit"
    }


def test_unknown_category_missing_or_wrong_coefficient_and_bad_amount() -> None:
    assert fields(GRANT, "monthly_allowance", "9.9", Decimal("1.5"), None) == {
        "category": "unknown"
    }
    assert fields(GRANT, "monthly_allowance", "5.6", None, None) == {"coefficient": "required"}
    assert fields(GRANT, "monthly_allowance", "5.6", Decimal("3.0"), -5) == {
        "coefficient": "invalid",
        "amount": "invalid",
    }


def test_procedures_without_a_benefit_record_no_classification() -> None:
    assert fields(EffectKind.ONE_OFF_PAYMENT, "funeral_support", None, None, 10_000_000) == {}


def test_the_appraisal_refuses_a_wrong_classification() -> None:
    import datetime as dt

    from .dossier_builders import at, commune_officer, received

    dossier = received(dt.date(2026, 3, 2))
    officer = commune_officer(subject="can-bo")
    dossier.check_population(officer, at(dt.date(2026, 3, 3)), matched=True, reference="r")
    with pytest.raises(InvalidInput) as refused:
        dossier.appraise(
            officer,
            at(dt.date(2026, 3, 3)),
            eligible=True,
            category_code="5.5a",
            coefficient=Decimal("2.5"),
        )
    assert [e.field for e in refused.value.errors] == ["coefficient"]
    assert dossier.appraisal is None
