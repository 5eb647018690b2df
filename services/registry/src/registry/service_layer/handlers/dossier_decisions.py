"""Decisions signed on dossiers reach the registry through its own use cases (issue 12).

A ``DecisionIssued`` of the dossier service becomes ``ApplyDossierDecision``; a grant is
``register_beneficiary`` (the same checks as an officer's "tăng mới": access, decision, one
active record per category across provinces, coefficient from the catalog); an adjustment is
``change_coefficient`` and a stop ``stop_benefit`` on the applicant's active record of the
procedure's benefit in the dossier's province (``rules.decision_target``), from the form's
"Ngày phát sinh" (the decision date when absent), as for an officer's change. The outcome is
published on the registry's topic in the same transaction: ``DossierDecisionApplied`` with
the record id, or ``DossierDecisionRefused`` with the Vietnamese reason. The record id is
derived from the dossier id, so a redelivered decision finds the record it already made; a
redelivered adjust or stop finds the record that already carries its decision.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import get_category
from ansinh_common.errors import DomainError, FailedPrecondition
from registry.domain.category import CategoryRef
from registry.domain.commands import (
    ApplyDossierDecision,
    ChangeCoefficient,
    RegisterBeneficiary,
    StopBenefit,
)
from registry.domain.events import DossierDecisionApplied, DossierDecisionRefused
from registry.domain.rules.decision_target import decision_target
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.handlers.changes import change_coefficient, stop_benefit
from registry.service_layer.handlers.registration import register_beneficiary

_NAMESPACE = uuid.UUID("6f0c4f0e-5d8a-4f43-9b7e-2a1d0c3b9e11")
SUPPORTED_EFFECTS = frozenset({"register_beneficiary", "change_coefficient", "stop_benefit"})


def decision_record_id(dossier_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"dossier:{dossier_id}"))


def _category(code: str | None, coefficient: Decimal | None) -> CategoryRef:
    """The catalog condition whose coefficient the appraisal set (per-child rules excluded)."""
    if not code or coefficient is None:
        raise FailedPrecondition("Quyết định chưa ghi diện đối tượng và hệ số hưởng.")
    try:
        entry = get_category(code)
    except KeyError:
        raise FailedPrecondition(f"Diện đối tượng {code!r} không có trong danh mục.") from None
    for rule in entry.rules:
        if not rule.per_child and rule.coefficient == coefficient:
            return CategoryRef(code, rule.condition)
    raise FailedPrecondition(
        f"Hệ số {coefficient} không đúng với diện {code} theo danh mục (Nghị định 20/2021)."
    )


def apply_dossier_decision(cmd: ApplyDossierDecision, deps: Dependencies) -> str | None:
    """The record id, or None when refused (the refusal is published)."""
    record_id = decision_record_id(cmd.dossier_id)
    province = cmd.residence.province_code
    try:
        if cmd.effect not in SUPPORTED_EFFECTS:
            raise FailedPrecondition(
                f"Sổ đối tượng chưa tự động áp dụng quyết định loại {cmd.effect!r}; "
                "cán bộ cập nhật trực tiếp."
            )
        if cmd.effect == "register_beneficiary":
            _register(cmd, record_id, deps)
        else:
            record_id, province = _change_record(cmd, deps)
    except DomainError as exc:
        reason = exc.detail
        if exc.errors:
            reason += " " + "; ".join(e.message for e in exc.errors)
        with deps.uow(province) as uow:
            uow.publish(
                DossierDecisionRefused(
                    record_id=record_id, province_code=province, version=0,
                    dossier_id=cmd.dossier_id, dossier_province_code=cmd.dossier_province_code,
                    decision_number=cmd.decision.number, reason=reason, error_code=exc.code,
                )
            )  # fmt: skip
            uow.commit()
        return None
    with deps.uow(province) as uow:
        record = uow.records.get(record_id)
        uow.publish(
            DossierDecisionApplied(
                record_id=record_id, province_code=province,
                version=record.version if record else 1, dossier_id=cmd.dossier_id,
                dossier_province_code=cmd.dossier_province_code,
                decision_number=cmd.decision.number,
            )
        )  # fmt: skip
        uow.commit()
    return record_id


def _register(cmd: ApplyDossierDecision, record_id: str, deps: Dependencies) -> None:
    if cmd.person is None:
        raise FailedPrecondition(
            "Quyết định thiếu ngày sinh, giới tính của đối tượng để lập hồ sơ hưởng mới."
        )
    register_beneficiary(
        RegisterBeneficiary(
            principal=cmd.principal,
            person=cmd.person,
            category=_category(cmd.category_code, cmd.coefficient),
            coefficient=cmd.coefficient or Decimal(0),
            decision=cmd.decision,
            reason=f"Tăng mới theo hồ sơ {cmd.dossier_code}",
            record_id=record_id,
        ),
        deps,
    )


def _change_record(cmd: ApplyDossierDecision, deps: Dependencies) -> tuple[str, str]:
    """Adjust or stop the applicant's active record; (record id, its province)."""
    province = cmd.dossier_province_code
    personal_id = cmd.personal_id
    with deps.uow(province) as uow:
        target = decision_target(
            uow.records.for_person(personal_id), personal_id=personal_id,
            province_code=province, benefit=cmd.benefit, category_code=cmd.category_code,
            decision=cmd.decision,
        )  # fmt: skip
        current = target.record.state
    record_id = target.record.record_id
    if target.done:
        return record_id, province
    on = cmd.effective_on or cmd.decision.signed_on or deps.clock().date()
    if cmd.effect == "stop_benefit":
        stop_benefit(
            StopBenefit(
                principal=cmd.principal, record_id=record_id, province_code=province,
                stopped_on=on, decision=cmd.decision,
                reason=f"Thôi hưởng theo hồ sơ {cmd.dossier_code}",
            ),
            deps,
        )  # fmt: skip
        return record_id, province
    category = _category(cmd.category_code or current.category.code, cmd.coefficient)
    change_coefficient(
        ChangeCoefficient(
            principal=cmd.principal, record_id=record_id, province_code=province,
            coefficient=cmd.coefficient or Decimal(0), condition_met_on=on,
            decision=cmd.decision, reason=f"Điều chỉnh theo hồ sơ {cmd.dossier_code}",
            category=category if category != current.category else None,
        ),
        deps,
    )  # fmt: skip
    return record_id, province
