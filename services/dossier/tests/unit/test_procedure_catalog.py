"""The shipped procedure definitions: what the issue asks each to hold."""

from __future__ import annotations

import pytest

from ansinh_common.authz import Kind, Level, UnitModel
from ansinh_common.catalogs.assistance_categories import Benefit, categories
from dossier.domain.procedures.catalog import shipped_catalog
from dossier.domain.procedures.model import EffectKind, StepKind

CATALOG = shipped_catalog()
ALLOWANCE = CATALOG.get("tro-cap-xa-hoi-hang-thang")


def test_the_required_procedures_are_defined() -> None:
    assert set(CATALOG.ids()) == {
        "tro-cap-xa-hoi-hang-thang",
        "ho-tro-mai-tang",
        "xac-dinh-muc-do-khuyet-tat",
        "chuyen-noi-o-trong-tinh",
        "chuyen-noi-o-ngoai-tinh",
        "tiep-nhan-vao-co-so",
    }
    assert ALLOWANCE.national_code == "1.001776"
    assert CATALOG.get("ho-tro-mai-tang").national_code == "1.001731"
    assert CATALOG.get("xac-dinh-muc-do-khuyet-tat").national_code == "1.001699"


@pytest.mark.parametrize("procedure", CATALOG.procedures, ids=lambda p: p.id)
def test_every_definition_is_complete(procedure) -> None:  # type: ignore[no-untyped-def]
    assert procedure.name and procedure.legal_basis and procedure.unverified
    assert set(procedure.workflows) == {UnitModel.THREE_LEVEL, UnitModel.TWO_LEVEL}
    for workflow in procedure.workflows.values():
        assert workflow.steps[-1].kind is StepKind.DECISION
        assert workflow.steps[-1].roles == frozenset({Kind.LEADER})
        assert all(step.legal_basis for step in workflow.steps)
    for purpose in procedure.purposes:
        assert all(f in procedure.forms for forms in purpose.forms.values() for f in forms)


def test_monthly_allowance_covers_grant_adjust_and_stop_for_every_art_5_group() -> None:
    groups = {c.code for c in categories(Benefit.MONTHLY_ALLOWANCE)}
    assert groups == {
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5a",
        "5.5b",
        "5.5c",
        "5.5d",
        "5.6",
        "5.7",
        "5.8",
    }
    grant = ALLOWANCE.purpose("grant_allowance")
    assert set(grant.groups) == groups
    assert set(ALLOWANCE.purpose("adjust_allowance").groups) == groups
    assert ALLOWANCE.purpose("stop_allowance").forms_for("5.6") == ("TB",)
    assert grant.forms_for("5.4") == ("1c",)
    assert {grant.forms_for(g)[0] for g in groups} == {"1a", "1b", "1c", "1d", "1đ"}
    assert grant.effect.kind is EffectKind.REGISTER_BENEFICIARY
    assert ALLOWANCE.purpose("stop_allowance").effect.kind is EffectKind.STOP_BENEFIT


def test_care_support_uses_forms_2a_2b_and_03() -> None:
    care = ALLOWANCE.purpose("grant_care_support")
    assert set(care.groups) == {c.code for c in categories(Benefit.CARE_SUPPORT)}
    used = {f for forms in care.forms.values() for f in forms}
    assert {"2a", "2b", "03"} <= used
    assert care.effect.benefit == "care_support"


def test_three_level_steps_and_deadlines_follow_decree_20_art_8() -> None:
    wf = ALLOWANCE.workflow(UnitModel.THREE_LEVEL)
    assert [(s.kind, s.level, s.working_days) for s in wf.steps] == [
        (StepKind.REVIEW, Level.COMMUNE, 7),
        (StepKind.POSTING, Level.COMMUNE, 2),
        (StepKind.OBJECTIONS, Level.COMMUNE, 10),
        (StepKind.FORWARD, Level.COMMUNE, 3),
        (StepKind.APPRAISAL, Level.DISTRICT, 7),
        (StepKind.DECISION, Level.DISTRICT, 3),
    ]
    assert wf.deciding_level is Level.DISTRICT


def test_two_level_is_decided_by_the_commune_within_ten_working_days() -> None:
    for procedure in (ALLOWANCE, CATALOG.get("chuyen-noi-o-trong-tinh")):
        wf = procedure.workflow(UnitModel.TWO_LEVEL)
        assert wf.deciding_level is Level.COMMUNE
        assert wf.statutory_working_days == 10
        assert any(s.population_check for s in wf.steps)


def test_documents_in_the_population_database_are_not_asked_for() -> None:
    asked = {d.id for d in ALLOWANCE.documents_to_collect("grant_allowance", "1b")}
    shown = {d.id for d in ALLOWANCE.documents_for("grant_allowance", "1b")} - asked
    assert "can_cuoc" in shown and "cu_tru" in shown
    assert asked == {"to_khai"}
    disability = {d.id for d in ALLOWANCE.documents_to_collect("grant_allowance", "1đ")}
    assert "xac_nhan_khuyet_tat" in disability


def test_versions_are_chosen_by_date() -> None:
    import datetime as dt

    from dossier.domain.errors import UnknownProcedure

    assert CATALOG.in_force("ho-tro-mai-tang", dt.date(2025, 1, 1)).version == "2025.1"
    with pytest.raises(UnknownProcedure):
        CATALOG.in_force("ho-tro-mai-tang", dt.date(2020, 1, 1))
    with pytest.raises(UnknownProcedure):
        CATALOG.get("khong-co")


def test_two_definitions_of_the_same_version_are_refused() -> None:
    from dossier.domain.errors import ProcedureDefinitionError
    from dossier.domain.procedures.catalog import ProcedureCatalog

    with pytest.raises(ProcedureDefinitionError, match=r"ho-tro-mai-tang 2025\.1"):
        ProcedureCatalog.of([CATALOG.get("ho-tro-mai-tang")] * 2)
