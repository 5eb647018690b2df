"""Decisions signed on dossiers reach the registry through its own use cases (issue 12).

A ``DecisionIssued`` of the dossier service becomes ``ApplyDossierDecision``; a grant is
``register_beneficiary`` (the same checks as an officer's "tăng mới": access, decision, one
active record per category across provinces, coefficient from the catalog). The outcome is
published on the registry's topic in the same transaction: ``DossierDecisionApplied`` with
the record id, or ``DossierDecisionRefused`` with the Vietnamese reason. The record id is
derived from the dossier id, so a redelivered decision finds the record it already made.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import get_category
from ansinh_common.errors import DomainError, FailedPrecondition
from registry.domain.category import CategoryRef
from registry.domain.commands import ApplyDossierDecision, RegisterBeneficiary
from registry.domain.events import DossierDecisionApplied, DossierDecisionRefused
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.handlers.registration import register_beneficiary

_NAMESPACE = uuid.UUID("6f0c4f0e-5d8a-4f43-9b7e-2a1d0c3b9e11")
SUPPORTED_EFFECTS = frozenset({"register_beneficiary"})


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
    province = cmd.person.residence.province_code
    try:
        if cmd.effect not in SUPPORTED_EFFECTS:
            raise FailedPrecondition(
                f"Sổ đối tượng chưa tự động áp dụng quyết định loại {cmd.effect!r}; "
                "cán bộ cập nhật trực tiếp."
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
