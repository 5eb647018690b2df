"""The provincial-sync gap RPCs and the data-quality progress form of ``ReportingService``
(ADR 0042): messages ↔ the use cases (mixed into ``ReportingServicer``)."""

from __future__ import annotations

from datetime import date

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.reporting.v1 import reporting_pb2 as pb
from ansinh_common.auth.principal import require_principal
from ansinh_common.authz import UnitTree
from ansinh_common.catalogs.provincial_sync import SyncModes
from reporting.adapters.excel_forms import today_in_vietnam, unit_name
from reporting.adapters.excel_gap_forms import provincial_sync_gap_form, quality_progress_form
from reporting.domain.provincial_gap import GapCount, ProvincialSyncGap
from reporting.entrypoints.more_reports import _month
from reporting.service_layer import report_queries
from reporting.service_layer.ports import QualitySnapshotStore
from reporting.service_layer.provincial_gap_ports import ProvincialGapReads
from reporting.service_layer.provincial_gap_queries import provincial_sync_gap


class SyncGapReports:
    _units: UnitTree
    _snapshots: QualitySnapshotStore
    _gaps: ProvincialGapReads
    _modes: SyncModes

    def ExportDataQualityProgress(  # noqa: N802
        self, request: pb.GetDataQualityProgressRequest, context: grpc.ServicerContext
    ) -> pb.ReportFile:
        found = report_queries.quality_progress(
            self._snapshots,
            require_principal(),
            self._units,
            level=request.level,
            unit_code=request.unit_code,
            since=_month(request, "since"),
        )
        since = _month(request, "since")
        name = f"tien-do-lam-sach-du-lieu-{found.scope.code}-tu-{since:%Y-%m}.xlsx"
        content = quality_progress_form(found, unit_name(found.scope), today_in_vietnam())
        return pb.ReportFile(file_name=name, content=content)

    def GetProvincialSyncGap(  # noqa: N802
        self, request: pb.GetProvincialSyncGapRequest, context: grpc.ServicerContext
    ) -> pb.ProvincialSyncGap:
        return gap_pb(self._gap(request))

    def ExportProvincialSyncGap(  # noqa: N802
        self, request: pb.GetProvincialSyncGapRequest, context: grpc.ServicerContext
    ) -> pb.ReportFile:
        gap = self._gap(request)
        name = f"chenh-lech-dong-bo-tinh-{gap.scope.unit_code}-{gap.scope.month:%Y-%m}.xlsx"
        content = provincial_sync_gap_form(gap, today_in_vietnam())
        return pb.ReportFile(file_name=name, content=content)

    def _gap(self, request: pb.GetProvincialSyncGapRequest) -> ProvincialSyncGap:
        return provincial_sync_gap(
            self._gaps,
            require_principal(),
            self._units,
            self._modes,
            level=request.level,
            unit_code=request.unit_code,
            month=_month(request),
            page=request.page,
            page_size=request.page_size,
        )


def _date(d: date) -> common_pb2.Date:
    return common_pb2.Date(year=d.year, month=d.month, day=d.day)


def _count(c: GapCount) -> pb.ProvincialSyncCount:
    return pb.ProvincialSyncCount(
        key=c.key,
        in_province_not_here=c.in_province_not_here,
        here_not_in_province=c.here_not_in_province,
    )


def gap_pb(g: ProvincialSyncGap) -> pb.ProvincialSyncGap:
    s = g.scope
    return pb.ProvincialSyncGap(
        level=s.level,
        unit_code=s.unit_code,
        month=common_pb2.YearMonth(year=s.month.year, month=s.month.month),
        provinces=list(s.provinces),
        in_province_not_here=g.in_province_not_here,
        here_not_in_province=g.here_not_in_province,
        by_province=[_count(c) for c in g.by_province],
        by_procedure=[_count(c) for c in g.by_procedure],
        in_province_not_here_dossiers=[
            pb.ProvincialOnlyDossier(
                provincial_code=d.provincial_code,
                province_code=d.province_code,
                procedure_code=d.procedure_code,
                submitted_on=_date(d.submitted_on),
            )
            for d in g.provincial_only
        ],
        here_not_in_province_dossiers=[
            pb.PlatformOnlyDossier(
                dossier_id=d.dossier_id,
                dossier_code=d.dossier_code,
                province_code=d.province_code,
                procedure_code=d.procedure_code,
                submitted_on=_date(d.submitted_on),
            )
            for d in g.platform_only
        ],
        page=s.page,
        page_size=s.page_size,
    )
