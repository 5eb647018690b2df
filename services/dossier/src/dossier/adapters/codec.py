"""``Dossier`` ↔ JSON document (the ``state`` column of ``dossiers``).

The plan is stored as references (model, step ids and their units) and rebuilt from the
procedure version the dossier was received under, which the catalog keeps (a dossier keeps
its definitions, ADR 0015). Dates inside the form's values are tagged so they come back as
dates; decimals travel as text.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ansinh_common.authz import Level, UnitModel
from dossier.domain.channel import Channel
from dossier.domain.clock import StepClock
from dossier.domain.dossier import Dossier
from dossier.domain.dossier_code import DossierCode
from dossier.domain.plan import Plan, PlannedStep
from dossier.domain.procedures.catalog import ProcedureCatalog
from dossier.domain.procedures.model import EffectKind, Procedure
from dossier.domain.records import (
    Appraisal,
    DecisionDraft,
    PopulationCheck,
    PovertyStatusAnswer,
    SignedDecision,
)
from dossier.domain.stages import Action, Stage
from dossier.domain.tracking import HistoryEntry, StepRun

_DATE_TAG = "$date"


def _tag(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {_DATE_TAG: value.isoformat()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tag(v) for v in value]
    return value


def _untag(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_DATE_TAG}:
            return dt.date.fromisoformat(value[_DATE_TAG])
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _run(planned: dict[tuple[str, str], PlannedStep], doc: dict[str, Any]) -> StepRun:
    return StepRun(planned[(doc["step"], doc["unit"])], _clock_from(doc["clock"]))


def _d(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _pd(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def _dec(raw: str | None) -> Decimal | None:
    return Decimal(raw) if raw is not None else None


def _clock(c: StepClock) -> dict[str, Any]:
    return {
        "working_days": c.working_days,
        "started_on": _d(c.started_on),
        "active_from": _d(c.active_from),
        "used_before": c.used_before,
        "paused_on": _d(c.paused_on),
        "paused_days": c.paused_days,
        "finished_on": _d(c.finished_on),
    }


def _clock_from(doc: dict[str, Any]) -> StepClock:
    started, active = _pd(doc["started_on"]), _pd(doc["active_from"])
    assert started is not None and active is not None
    return StepClock(
        working_days=doc["working_days"],
        started_on=started,
        active_from=active,
        used_before=doc["used_before"],
        paused_on=_pd(doc["paused_on"]),
        paused_days=doc["paused_days"],
        finished_on=_pd(doc["finished_on"]),
    )


def _poverty_doc(answer: PovertyStatusAnswer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {
        "poor_or_near_poor": answer.poor_or_near_poor,
        "status": answer.status,
        "household_id": answer.household_id,
        "as_of": _d(answer.as_of),
    }


def _poverty_from(doc: dict[str, Any] | None) -> PovertyStatusAnswer | None:
    """Absent in documents written before the poverty check (revision 0003)."""
    if doc is None:
        return None
    return PovertyStatusAnswer(
        doc["poor_or_near_poor"],
        doc["status"],
        doc["household_id"],
        dt.date.fromisoformat(doc["as_of"]),
    )


def to_document(d: Dossier) -> dict[str, Any]:
    plan = d.plan
    return {
        "values": _tag(d.values),
        "plan": None
        if plan is None
        else {
            "model": plan.model.value,
            "steps": [[p.step.id, p.unit_code] for p in plan.steps],
        },
        "runs": [
            {"step": r.planned.step.id, "unit": r.planned.unit_code, "clock": _clock(r.clock)}
            for r in d.runs
        ],
        "resume_stage": d.resume_stage.value if d.resume_stage else None,
        "population_check": None
        if d.population_check is None
        else {
            "matched": d.population_check.matched,
            "reference": d.population_check.reference,
            "on": _d(d.population_check.on),
        },
        "poverty_status": _poverty_doc(d.poverty_status),
        "appraisal": None
        if d.appraisal is None
        else {
            "by": d.appraisal.by,
            "on": _d(d.appraisal.on),
            "eligible": d.appraisal.eligible,
            "category_code": d.appraisal.category_code,
            "coefficient": None
            if d.appraisal.coefficient is None
            else str(d.appraisal.coefficient),
            "amount": d.appraisal.amount,
            "note": d.appraisal.note,
        },
        "draft": None if d.draft is None else {"made_by": d.draft.made_by, "on": _d(d.draft.on)},
        "decision": None
        if d.decision is None
        else {
            "number": d.decision.number,
            "signed_on": _d(d.decision.signed_on),
            "signed_by": d.decision.signed_by,
            "unit_code": d.decision.unit_code,
        },
        "refusal_reason": d.refusal_reason,
        "history": [
            {
                "at": h.at.isoformat(),
                "action": h.action.value,
                "stage": h.stage.value,
                "actor": h.actor,
                "unit_code": h.unit_code,
                "origin": h.origin,
                "note": h.note,
            }
            for h in d.history
        ],
    }


def dumps(d: Dossier) -> str:
    return json.dumps(to_document(d), ensure_ascii=False)


def _plan(procedure: Procedure, doc: dict[str, Any] | None) -> Plan | None:
    if doc is None:
        return None
    model = UnitModel(doc["model"])
    workflow = procedure.workflow(model)
    by_id = {s.id: s for s in workflow.steps}
    from ansinh_common.authz.tables import MODEL_CATALOG_VERSIONS

    steps = tuple(PlannedStep(by_id[sid], unit) for sid, unit in doc["steps"])
    return Plan(
        model,
        MODEL_CATALOG_VERSIONS[model],
        Level(workflow.deciding_level),
        steps,
        workflow.legal_basis,
    )


def from_row(row: Any, catalog: ProcedureCatalog) -> Dossier:
    """The aggregate from its ``dossiers`` row (``row.state`` is the JSON document)."""
    doc: dict[str, Any] = row.state if isinstance(row.state, dict) else json.loads(row.state)
    procedure = catalog.get(row.procedure_id, row.procedure_version)
    purpose = procedure.purpose(row.purpose_id)
    plan = _plan(procedure, doc["plan"])
    planned = {(p.step.id, p.unit_code): p for p in plan.steps} if plan else {}
    pc, ap, dr, de = doc["population_check"], doc["appraisal"], doc["draft"], doc["decision"]
    dossier = Dossier(
        id=row.id,
        code=DossierCode.parse(row.code),
        procedure_id=row.procedure_id,
        procedure_version=row.procedure_version,
        procedure_code=row.procedure_code,
        purpose_id=row.purpose_id,
        form_id=row.form_id,
        values=_untag(doc["values"]),
        applicant_national_id=row.applicant_national_id,
        submitted_by=row.submitted_by,
        channel=Channel(row.channel),
        commune_code=row.commune_code,
        destination_commune_code=row.destination_commune_code,
        province_code=row.province_code,
        submitted_at=row.submitted_at,
        effect=EffectKind(purpose.effect.kind),
        benefit=purpose.effect.benefit,
        stage=Stage(row.stage),
        plan=plan,
        received_on=row.received_on,
        runs=[
            StepRun(planned[(r["step"], r["unit"])], _clock_from(r["clock"])) for r in doc["runs"]
        ],
        resume_stage=Stage(doc["resume_stage"]) if doc["resume_stage"] else None,
        population_check=None
        if pc is None
        else PopulationCheck(pc["matched"], pc["reference"], dt.date.fromisoformat(pc["on"])),
        poverty_status=_poverty_from(doc.get("poverty_status")),
        appraisal=None
        if ap is None
        else Appraisal(
            ap["by"],
            dt.date.fromisoformat(ap["on"]),
            ap["eligible"],
            ap["category_code"],
            _dec(ap["coefficient"]),
            ap["amount"],
            ap["note"],
        ),
        draft=None if dr is None else DecisionDraft(dr["made_by"], dt.date.fromisoformat(dr["on"])),
        decision=None
        if de is None
        else SignedDecision(
            de["number"], dt.date.fromisoformat(de["signed_on"]), de["signed_by"], de["unit_code"]
        ),
        refusal_reason=doc["refusal_reason"],
        history=[
            HistoryEntry(
                dt.datetime.fromisoformat(h["at"]),
                Action(h["action"]),
                Stage(h["stage"]),
                h["actor"],
                h["unit_code"],
                h["origin"],
                h["note"],
            )
            for h in doc["history"]
        ],
        version=row.version,
    )
    return dossier
