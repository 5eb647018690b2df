"""Every shipped procedure, every purpose and form, walks to a signed decision in both models.

The declarations are generated from the form definitions themselves, so a definition whose
form cannot be filled in, or whose workflow cannot be followed, fails here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from ansinh_common.authz import Kind, UnitModel
from ansinh_common.catalogs.assistance_categories import get_category
from ansinh_common.catalogs.working_days import add_working_days
from dossier.domain import events as ev
from dossier.domain.actor import Actor
from dossier.domain.dossier import Dossier
from dossier.domain.plan import PlannedStep
from dossier.domain.procedures.model import FieldType, FormField, Procedure, Purpose, StepKind
from dossier.domain.rules.classification import CLASSIFIED_EFFECTS
from dossier.domain.stages import Stage

from .dossier_builders import APPLICANT_ID, CATALOG, actor, at, received

START = {UnitModel.THREE_LEVEL: dt.date(2025, 3, 3), UnitModel.TWO_LEVEL: dt.date(2026, 3, 2)}
DESTINATION = {"chuyen-noi-o-trong-tinh": "00007", "chuyen-noi-o-ngoai-tinh": "26734"}


def sample(spec: FormField, procedure: Procedure) -> Any:
    if spec.type is FieldType.GROUP:
        item = {f.name: sample(f, procedure) for f in spec.fields}
        return [item] * max(spec.min_items, 1) if spec.repeat else item
    if spec.name == "new_commune_code":
        return DESTINATION[procedure.id]
    return {
        FieldType.TEXT: "Nguyễn Văn An",
        FieldType.INTEGER: spec.minimum or 1,
        FieldType.MONEY: 100_000,
        FieldType.DATE: "1950-01-01",
        FieldType.BOOLEAN: not spec.hiv_related,
        FieldType.CHOICE: spec.choices[0].value if spec.choices else "",
        FieldType.PERSONAL_ID: APPLICANT_ID,
        FieldType.ETHNICITY: "01",
        FieldType.UNIT_CODE: "00004",
    }[spec.type]


def cases() -> list[tuple[Procedure, Purpose, str, str | None, UnitModel]]:
    out = []
    for procedure in CATALOG.procedures:
        for purpose in procedure.purposes:
            for group, forms in purpose.forms.items():
                for model in UnitModel:
                    out.append(
                        (procedure, purpose, forms[0], None if group == "*" else group, model)
                    )
    return out


CASES = cases()


def official(planned: PlannedStep, subject: str, kind: Kind | None = None) -> Actor:
    chosen = kind or min(planned.step.roles)  # "leader" < "officer"
    role = f"{planned.step.level.value}_{chosen.value}"
    return actor(subject, role, unit=planned.unit_code)


def classification(purpose: Purpose, group: str | None) -> dict[str, Any]:
    if purpose.effect.kind not in CLASSIFIED_EFFECTS:
        return {}
    code = group or ("5.5a" if purpose.effect.benefit == "monthly_allowance" else "C3")
    category = get_category(code)
    return {"category_code": code, "coefficient": category.rules[0].coefficient}


def walk(dossier: Dossier, purpose: Purpose, group: str | None, day: dt.date) -> None:
    for _ in range(12):
        if dossier.stage is Stage.DECIDED:
            return
        run = dossier.current_step(day)
        assert run is not None
        planned = run.planned
        kind = planned.step.kind
        if planned.step.population_check and dossier.population_check is None:
            dossier.check_population(
                official(planned, "kiem-tra", Kind.OFFICER), at(day), matched=True, reference="r"
            )
        if dossier.stage is Stage.IN_REVIEW:
            nxt = dossier.plan.after(kind) if dossier.plan else None
            if nxt is not None and nxt.step.kind is StepKind.POSTING:
                dossier.post_publicly(official(planned, "niem-yet"), at(day))
            else:
                dossier.forward(official(planned, "chuyen"), at(day))
        elif dossier.stage is Stage.POSTED:
            due = dossier.due_on(day)
            assert due is not None
            day = add_working_days(due, 1)
            forwarder = dossier.current_step(day)
            assert forwarder is not None
            dossier.forward(official(forwarder.planned, "chuyen"), at(day))
        elif dossier.stage is Stage.IN_APPRAISAL:
            dossier.appraise(
                official(planned, "tham-dinh", Kind.OFFICER),
                at(day),
                eligible=True,
                amount=None,
                **classification(purpose, group),
            )
        elif dossier.stage is Stage.APPRAISED:
            dossier.approve(official(planned, "phe-duyet", Kind.OFFICER), at(day))
        elif dossier.stage is Stage.APPROVED:
            dossier.decide(official(planned, "ky", Kind.LEADER), at(day), decision_number="1/QĐ")
        day = add_working_days(day, 1)
    raise AssertionError(f"stuck in {dossier.stage}")


@pytest.mark.parametrize(
    ("procedure", "purpose", "form", "group", "model"),
    CASES,
    ids=[f"{p.id}-{u.id}-{g or '*'}-{f}-{m.value}" for p, u, f, g, m in CASES],
)
def test_walks_to_a_decision(
    procedure: Procedure, purpose: Purpose, form: str, group: str | None, model: UnitModel
) -> None:
    values = {f.name: sample(f, procedure) for f in procedure.forms[form].fields}
    day = START[model]
    dossier = received(day, procedure=procedure, purpose=purpose.id, form=form, values=values)
    assert dossier.plan is not None and dossier.plan.model is model

    walk(dossier, purpose, group, day)

    signed = dossier.events[-1]
    assert isinstance(signed, ev.DecisionSigned)
    assert signed.effect == purpose.effect.kind.value
    assert signed.signing_unit == dossier.plan.steps[-1].unit_code
    assert dossier.plan.steps[-1].step.level is procedure.workflow(model).deciding_level
    if purpose.effect.kind in CLASSIFIED_EFFECTS:
        assert signed.category_code is not None and isinstance(signed.coefficient, Decimal)
