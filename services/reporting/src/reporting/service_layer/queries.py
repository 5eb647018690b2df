"""The read side's use cases: reports scoped by the reader's unit (``ansinh_common.authz``)."""

from __future__ import annotations

from datetime import date

from ansinh_common.auth import Principal
from ansinh_common.authz import Action, Domain, Resource, UnitTree, require
from reporting.domain.reports import (
    BeneficiariesReport,
    Level,
    QualityReport,
    UnitScope,
    unit_scope,
)
from reporting.domain.rules.unit_versions import successor_2025
from reporting.service_layer.ports import ReportReads

_CHILD = {Level.COUNTRY: "province", Level.PROVINCE: "commune", Level.COMMUNE: "commune"}


def beneficiaries_report(
    reads: ReportReads,
    principal: Principal,
    units: UnitTree,
    *,
    level: str,
    unit_code: str,
    month: date,
) -> BeneficiariesReport:
    scope = unit_scope(level, unit_code, month)
    _require_read(principal, units, scope)
    return reads.beneficiaries(scope, month)


def quality_report(
    reads: ReportReads, principal: Principal, units: UnitTree, *, level: str, unit_code: str
) -> QualityReport:
    """The campaign's completeness of the units one level below (today, 2025 catalog)."""
    scope = unit_scope(level, unit_code, date.max)
    _require_read(principal, units, scope)
    return reads.quality(scope, _CHILD[scope.level])


def _require_read(principal: Principal, units: UnitTree, scope: UnitScope) -> None:
    """Readers' units are 2025 units: a pre-2025 unit is checked as its 2025 successor."""
    code = scope.code
    if not scope.catalog_2025 and scope.level is not Level.COUNTRY:
        code = successor_2025(scope.level.value, code)
    resource = Resource(code, "2025", domain=Domain.SOCIAL_ASSISTANCE)
    require(principal, Action.READ, resource, units=units)
