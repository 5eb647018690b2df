"""The poverty and procedures reports (ADR 0029), scoped by the reader's unit and field: the
poverty report is readable only with the poverty roles, the procedures report only with the
social-assistance ones (the 2025 split of the ministries, ADR 0006)."""

from __future__ import annotations

from datetime import date

from ansinh_common.auth import Principal
from ansinh_common.authz import Action, Domain, Resource, UnitTree, require
from ansinh_common.errors import FieldError, InvalidInput
from reporting.domain.budget import BudgetReport
from reporting.domain.poverty import PovertyReport, poverty_scope
from reporting.domain.procedures import ProceduresReport, child_column
from reporting.domain.quality_progress import QualityProgress, progress
from reporting.domain.reports import Level, UnitScope, unit_scope
from reporting.domain.rules.unit_versions import successor_2025
from reporting.service_layer.ports import MoreReportReads, QualitySnapshotStore


def poverty_report(
    reads: MoreReportReads,
    principal: Principal,
    units: UnitTree,
    *,
    level: str,
    unit_code: str,
    month: date,
) -> PovertyReport:
    scope = poverty_scope(level, unit_code, month)
    require_read(principal, units, scope, Domain.POVERTY)
    return reads.poverty(scope, month)


def procedures_report(
    reads: MoreReportReads,
    principal: Principal,
    units: UnitTree,
    *,
    level: str,
    unit_code: str,
    month: date,
) -> ProceduresReport:
    scope = unit_scope(level, unit_code, month)
    require_read(principal, units, scope, Domain.SOCIAL_ASSISTANCE)
    return reads.procedures(scope, month, child_column(scope))


def budget_report(
    reads: MoreReportReads,
    principal: Principal,
    units: UnitTree,
    *,
    level: str,
    unit_code: str,
    month: date,
) -> BudgetReport:
    scope = unit_scope(level, unit_code, month)
    require_read(principal, units, scope, Domain.SOCIAL_ASSISTANCE)
    return reads.budget(scope, month)


def quality_progress(
    store: QualitySnapshotStore,
    principal: Principal,
    units: UnitTree,
    *,
    level: str,
    unit_code: str,
    since: date,
) -> QualityProgress:
    """The campaign month after month for the units one level below (2025 catalog)."""
    scope = unit_scope(level, unit_code, date.max)
    if scope.level not in (Level.COUNTRY, Level.PROVINCE):
        msg = "Tiến độ làm sạch dữ liệu chỉ có ở cấp country (các tỉnh) hoặc province (các xã)."
        raise InvalidInput(msg, errors=[FieldError("level", msg)])
    require_read(principal, units, scope, Domain.SOCIAL_ASSISTANCE)
    child = "province" if scope.level is Level.COUNTRY else "commune"
    return progress(scope, store.units_by_month(child, scope.code, since))


def require_read(principal: Principal, units: UnitTree, scope: UnitScope, domain: Domain) -> None:
    """Readers' units are 2025 units: a pre-2025 unit is checked as its 2025 successor."""
    code = scope.code
    if not scope.catalog_2025 and scope.level is not Level.COUNTRY:
        code = successor_2025(scope.level.value, code)
    require(principal, Action.READ, Resource(code, "2025", domain=domain), units=units)
