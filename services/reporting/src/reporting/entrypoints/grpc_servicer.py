"""``ReportingService``: the reports over gRPC (messages ↔ the use cases in ``queries``)."""

from __future__ import annotations

from datetime import date

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.reporting.v1 import reporting_pb2 as pb
from ansinh.reporting.v1 import reporting_pb2_grpc
from ansinh_common.auth.principal import require_principal
from ansinh_common.authz import UnitTree
from ansinh_common.catalogs.provincial_sync import SyncModes
from ansinh_common.errors import FieldError, InvalidInput
from reporting.adapters.excel_forms import beneficiaries_form, today_in_vietnam, unit_name
from reporting.domain.reports import BeneficiariesReport, QualityReport
from reporting.entrypoints.more_reports import MoreReports, quality_units
from reporting.entrypoints.sync_gap_reports import SyncGapReports
from reporting.service_layer import queries
from reporting.service_layer.ports import MoreReportReads, QualitySnapshotStore, ReportReads
from reporting.service_layer.provincial_gap_ports import ProvincialGapReads


class ReportingServicer(SyncGapReports, MoreReports, reporting_pb2_grpc.ReportingServiceServicer):
    def __init__(
        self,
        reads: ReportReads,
        units: UnitTree,
        more: MoreReportReads,
        snapshots: QualitySnapshotStore,
        *,
        gaps: ProvincialGapReads,
        modes: SyncModes,
    ) -> None:
        self._reads = reads
        self._units = units
        self._more = more
        self._snapshots = snapshots
        self._gaps = gaps
        self._modes = modes

    def GetBeneficiariesReport(  # noqa: N802
        self, request: pb.GetBeneficiariesReportRequest, context: grpc.ServicerContext
    ) -> pb.BeneficiariesReport:
        report = queries.beneficiaries_report(
            self._reads, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code, month=_month(request),
        )  # fmt: skip
        return beneficiaries_pb(report)

    def ExportBeneficiariesReport(  # noqa: N802
        self, request: pb.GetBeneficiariesReportRequest, context: grpc.ServicerContext
    ) -> pb.ReportFile:
        report = queries.beneficiaries_report(
            self._reads, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code, month=_month(request),
        )  # fmt: skip
        scope, month = report.scope, report.month
        name = f"bao-cao-doi-tuong-{scope.code}-{month:%Y-%m}.xlsx"
        content = beneficiaries_form(report, unit_name(scope), today_in_vietnam())
        return pb.ReportFile(file_name=name, content=content)

    def GetDataQualityReport(  # noqa: N802
        self, request: pb.GetDataQualityReportRequest, context: grpc.ServicerContext
    ) -> pb.DataQualityReport:
        report = queries.quality_report(
            self._reads, require_principal(), self._units,
            level=request.level, unit_code=request.unit_code,
        )  # fmt: skip
        return quality_pb(report)


def _month(request: pb.GetBeneficiariesReportRequest) -> date:
    m = request.month
    if not request.HasField("month") or not 1 <= m.month <= 12 or not 2000 <= m.year <= 2100:
        msg = "Tháng báo cáo không hợp lệ (năm 2000–2100, tháng 1–12)."
        raise InvalidInput(msg, errors=[FieldError("month", msg)])
    return date(m.year, m.month, 1)


def _counts(values: dict[str, int]) -> list[pb.Count]:
    return [pb.Count(key=k, count=n) for k, n in sorted(values.items())]


def beneficiaries_pb(r: BeneficiariesReport) -> pb.BeneficiariesReport:
    return pb.BeneficiariesReport(
        level=r.scope.level.value,
        unit_code=r.scope.code,
        catalog_version="2025" if r.scope.catalog_2025 else "pre2025",
        month=common_pb2.YearMonth(year=r.month.year, month=r.month.month),
        total=r.total,
        by_category=_counts(r.by_category),
        by_gender=_counts(r.by_gender),
        by_age_band=_counts(r.by_age_band),
        by_ethnicity=_counts(r.by_ethnicity),
        by_disability_level=_counts(r.by_disability_level),
        care_support_households=r.care_support_households,
        changes=_counts(r.changes),
    )


def quality_pb(r: QualityReport) -> pb.DataQualityReport:
    units = quality_units(r.units)
    return pb.DataQualityReport(level=r.scope.level.value, unit_code=r.scope.code, units=units)
