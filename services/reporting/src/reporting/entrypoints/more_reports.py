"""The poverty and procedures RPCs of ``ReportingService`` (ADR 0029): messages ↔ the use
cases in ``report_queries`` (mixed into ``ReportingServicer``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.reporting.v1 import reporting_pb2 as pb
from ansinh_common.auth.principal import require_principal
from ansinh_common.authz import UnitTree
from ansinh_common.errors import FieldError, InvalidInput
from reporting.adapters.excel_forms import today_in_vietnam, unit_name
from reporting.adapters.excel_more_forms import budget_form, poverty_form, procedures_form
from reporting.domain.budget import BudgetReport
from reporting.domain.poverty import PovertyReport
from reporting.domain.procedures import ProcedureLine, ProceduresReport
from reporting.domain.reports import QUALITY_FIELDS, UnitQuality
from reporting.service_layer import report_queries
from reporting.service_layer.ports import MoreReportReads, QualitySnapshotStore


class MoreReports:
    _more: MoreReportReads
    _units: UnitTree
    _snapshots: QualitySnapshotStore

    def GetBudgetReport(  # noqa: N802
        self, request: pb.GetUnitReportRequest, context: grpc.ServicerContext
    ) -> pb.BudgetReport:
        return budget_pb(self._budget(request))

    def ExportBudgetReport(  # noqa: N802
        self, request: pb.GetUnitReportRequest, context: grpc.ServicerContext
    ) -> pb.ReportFile:
        report = self._budget(request)
        name = f"bao-cao-kinh-phi-{report.scope.code}-{report.month:%Y-%m}.xlsx"
        content = budget_form(report, unit_name(report.scope), today_in_vietnam())
        return pb.ReportFile(file_name=name, content=content)

    def _budget(self, request: pb.GetUnitReportRequest) -> BudgetReport:
        return report_queries.budget_report(
            self._more, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code, month=_month(request),
        )  # fmt: skip

    def GetDataQualityProgress(  # noqa: N802
        self, request: pb.GetDataQualityProgressRequest, context: grpc.ServicerContext
    ) -> pb.DataQualityProgress:
        found = report_queries.quality_progress(
            self._snapshots, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code, since=_month(request, "since"),
        )  # fmt: skip
        months = [
            pb.DataQualityMonth(month=_ym(m.month), units=quality_units(m.units))
            for m in found.months
        ]
        return pb.DataQualityProgress(
            level=found.scope.level.value, unit_code=found.scope.code, months=months
        )

    def GetPovertyReport(  # noqa: N802
        self, request: pb.GetUnitReportRequest, context: grpc.ServicerContext
    ) -> pb.PovertyReport:
        return poverty_pb(self._poverty(request))

    def ExportPovertyReport(  # noqa: N802
        self, request: pb.GetUnitReportRequest, context: grpc.ServicerContext
    ) -> pb.ReportFile:
        report = self._poverty(request)
        name = f"bao-cao-ho-ngheo-{report.scope.code}-{report.month:%Y-%m}.xlsx"
        content = poverty_form(report, unit_name(report.scope), today_in_vietnam())
        return pb.ReportFile(file_name=name, content=content)

    def GetProceduresReport(  # noqa: N802
        self, request: pb.GetUnitReportRequest, context: grpc.ServicerContext
    ) -> pb.ProceduresReport:
        return procedures_pb(self._procedures(request))

    def ExportProceduresReport(  # noqa: N802
        self, request: pb.GetUnitReportRequest, context: grpc.ServicerContext
    ) -> pb.ReportFile:
        report = self._procedures(request)
        name = f"bao-cao-thu-tuc-{report.scope.code}-{report.month:%Y-%m}.xlsx"
        content = procedures_form(report, unit_name(report.scope), today_in_vietnam())
        return pb.ReportFile(file_name=name, content=content)

    def _poverty(self, request: pb.GetUnitReportRequest) -> PovertyReport:
        return report_queries.poverty_report(
            self._more, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code, month=_month(request),
        )  # fmt: skip

    def _procedures(self, request: pb.GetUnitReportRequest) -> ProceduresReport:
        return report_queries.procedures_report(
            self._more, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code, month=_month(request),
        )  # fmt: skip


def _month(request: Any, name: str = "month") -> date:
    m = getattr(request, name)
    if not request.HasField(name) or not 1 <= m.month <= 12 or not 2000 <= m.year <= 2100:
        msg = "Tháng báo cáo không hợp lệ (năm 2000–2100, tháng 1–12)."
        raise InvalidInput(msg, errors=[FieldError(name, msg)])
    return date(m.year, m.month, 1)


def _ym(month: date) -> common_pb2.YearMonth:
    return common_pb2.YearMonth(year=month.year, month=month.month)


def _counts(values: dict[str, int]) -> list[pb.Count]:
    return [pb.Count(key=k, count=n) for k, n in sorted(values.items())]


def poverty_pb(r: PovertyReport) -> pb.PovertyReport:
    return pb.PovertyReport(
        level=r.scope.level.value, unit_code=r.scope.code, month=_ym(r.month),
        households=r.households, poor=r.poor, near_poor=r.near_poor,
        poor_rate=r.poor_rate, near_poor_rate=r.near_poor_rate,
        moves=_counts(r.moves), deprivations=_counts(r.deprivations),
    )  # fmt: skip


def procedures_pb(r: ProceduresReport) -> pb.ProceduresReport:
    lines = [_line(x) for x in r.lines]
    steps = [
        pb.ProcedureStepTime(
            state=s.state, count=s.count, average_days=s.average_days, p90_days=s.p90_days
        )
        for s in r.steps
    ]
    return pb.ProceduresReport(
        level=r.scope.level.value, unit_code=r.scope.code,
        catalog_version="2025" if r.scope.catalog_2025 else "pre2025", month=_ym(r.month),
        received=r.total("received"), resolved_on_time=r.total("resolved_on_time"),
        resolved_late=r.total("resolved_late"), pending=r.total("pending"),
        lines=lines, steps=steps,
    )  # fmt: skip


def _line(x: ProcedureLine) -> pb.ProcedureLine:
    return pb.ProcedureLine(
        procedure_code=x.procedure_code, channel=x.channel, unit_code=x.unit_code,
        received=x.received, resolved_on_time=x.resolved_on_time,
        resolved_late=x.resolved_late, pending=x.pending,
    )  # fmt: skip


def quality_units(ranked_units: tuple[UnitQuality, ...]) -> list[pb.UnitQuality]:
    return [
        pb.UnitQuality(
            unit_code=u.unit_code,
            records=u.records,
            fields=[
                pb.FieldShare(
                    field=name,
                    present=u.present.get(name, 0),
                    applicable=u.applicable.get(name, 0),
                    share=u.share(name),
                )
                for name in QUALITY_FIELDS
            ],
            score=u.score,
            rank=rank,
        )
        for rank, u in enumerate(ranked_units, start=1)
    ]


def budget_pb(r: BudgetReport) -> pb.BudgetReport:
    lines = [
        pb.BudgetLine(group_code=x.group_code, channel=x.channel, arrears=x.arrears,
                      owed_vnd=x.owed_vnd, approved_vnd=x.approved_vnd, paid_vnd=x.paid_vnd,
                      unpaid_vnd=x.unpaid_vnd)
        for x in r.lines
    ]  # fmt: skip
    return pb.BudgetReport(
        level=r.scope.level.value, unit_code=r.scope.code,
        catalog_version="2025" if r.scope.catalog_2025 else "pre2025", month=_ym(r.month),
        lists=r.lists, closed_lists=r.closed, owed_vnd=r.owed_vnd,
        approved_vnd=r.approved_vnd, paid_vnd=r.paid_vnd, unpaid_vnd=r.unpaid_vnd,
        paid_by_channel=_counts(r.paid_by_channel), account_share=r.account_share,
        lines=lines, arrears_owed_vnd=r.arrears_owed_vnd, arrears_paid_vnd=r.arrears_paid_vnd,
    )  # fmt: skip
