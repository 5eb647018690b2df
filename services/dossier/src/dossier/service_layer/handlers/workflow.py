"""Workflow actions: load the dossier (locked), let the aggregate check state, role, unit and
segregation of duties, commit the change with its audit line and its events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ansinh_common.errors import FailedPrecondition, NotFound, Unavailable
from dossier.domain import commands as c
from dossier.domain.actor import Actor
from dossier.domain.dossier import Dossier
from dossier.domain.procedures.model import Procedure
from dossier.domain.records import PovertyStatusAnswer
from dossier.domain.rules.poverty_status_required import poverty_status_required
from dossier.domain.stages import Stage
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.places import province_of_dossier
from dossier.service_layer.ports import POVERTY_UNAVAILABLE


def _apply(cmd: c.Command, d: Dossier, actor: Actor, deps: Dependencies, at: Any) -> None:
    procedure = deps.catalog.get(d.procedure_id, d.procedure_version)
    match cmd:
        case c.ReceiveDossier():
            d.receive(actor, at, procedure=procedure, units=deps.units, models=deps.models)
        case c.RefuseReceipt(reason=reason):
            d.refuse_receipt(actor, at, reason)
        case c.RequestDocuments(documents=docs, reason=reason):
            d.request_documents(actor, at, docs, reason)
        case c.SupplementDocuments(documents=docs):
            d.supplement_documents(actor, at, docs)
        case c.AmendDossier(changes=changes):
            d.amend(actor, at, procedure=procedure, changes=changes)
        case c.RecordPopulationCheck(matched=matched, reference=reference):
            poverty = _poverty_status(d, procedure, deps)
            d.check_population(actor, at, matched=matched, reference=reference, poverty=poverty)
        case c.PostPublicly():
            d.post_publicly(actor, at)
        case c.RecordObjection(summary=summary):
            d.record_objection(actor, at, summary)
        case c.ForwardDossier(note=note):
            d.forward(actor, at, note)
        case c.AppraiseDossier():
            d.appraise(
                actor,
                at,
                eligible=cmd.eligible,
                category_code=cmd.category_code,
                coefficient=cmd.coefficient,
                amount=cmd.amount,
                note=cmd.note,
            )
        case c.ApproveDossier():
            d.approve(actor, at)
        case c.RejectDossier(reason=reason):
            d.reject(actor, at, reason)
        case c.SignDecision(decision_number=number):
            d.decide(actor, at, decision_number=number)
        case c.ReturnResult():
            d.return_result(actor, at)
        case c.WithdrawDossier(reason=reason):
            d.withdraw(actor, at, reason)
        case _:
            raise TypeError(f"not a workflow action: {type(cmd).__name__}")


def _poverty_status(
    d: Dossier, procedure: Procedure, deps: Dependencies
) -> PovertyStatusAnswer | None:
    """At the commune's check, the poverty service's answer as of the date of receipt when the
    dossier's category needs it (``rules.poverty_status_required``); none otherwise. Poverty out
    of reach refuses the check (``Unavailable``, 503, nothing recorded)."""
    if d.stage not in (Stage.IN_REVIEW, Stage.IN_APPRAISAL) or d.received_on is None:
        return None  # out of order: the aggregate refuses the action with its own message
    if not poverty_status_required(procedure, d.purpose_id, d.form_id):
        return None
    if deps.poverty is None:
        raise Unavailable(POVERTY_UNAVAILABLE)
    return deps.poverty.status_of(d.applicant_national_id, d.received_on, d.province_code)


def act(cmd: c.Command, actor: Actor, deps: Dependencies) -> Dossier:
    """Run one action on the dossier ``cmd.dossier_id``; returns it after the change."""
    province = province_of_dossier(cmd.dossier_id, deps.provinces)
    with deps.uow(province) as uow:
        dossier = uow.dossiers.get(cmd.dossier_id)
        if dossier is None:
            raise NotFound(f"Không tìm thấy hồ sơ {cmd.dossier_id!r}.")
        if cmd.expected_version is not None and cmd.expected_version != dossier.version:
            raise FailedPrecondition(
                f"Hồ sơ {dossier.code} đã thay đổi (phiên bản {dossier.version}, "
                f"bạn đang xem phiên bản {cmd.expected_version}); hãy tải lại."
            )
        _apply(cmd, dossier, actor, deps, deps.clock())
        uow.commit()
    return dossier


Action = Callable[[c.Command, Actor, Dependencies], Dossier]
