"""gRPC servicer of ``ansinh.poverty.v1.PovertyService`` (port 58054).

Thin: requests become use-case calls, answers become messages. Access is checked in the use
cases (``service_layer.access``); domain errors become gRPC statuses in the shared interceptor
(ADR 0002).
"""

from __future__ import annotations

import grpc

from ansinh.common.v1 import counts_pb2
from ansinh.poverty.v1 import poverty_pb2, poverty_pb2_grpc
from ansinh_common.auth.principal import require_principal
from ansinh_common.catalogs.admin_units import children, find_unit
from ansinh_common.errors import FieldError, InvalidInput
from ansinh_common.owner_counts import count_province
from poverty.adapters import review_excel, review_report_excel
from poverty.adapters.certificate_pdf import render_certificate
from poverty.adapters.reconciliation_counts import COUNT_SQL
from poverty.bootstrap import PovertyApp
from poverty.domain import commands
from poverty.domain.rules import reporting_calendar as rc
from poverty.domain.standards import get_standard
from poverty.entrypoints import grpc_mapping as m
from poverty.entrypoints import grpc_review_mapping as rm
from poverty.service_layer import queries, review_import
from poverty.service_layer.handlers import households, requests, reviews


class PovertyServicer(poverty_pb2_grpc.PovertyServiceServicer):
    def __init__(self, app: PovertyApp) -> None:
        self.app = app
        self.provinces = frozenset(app.router.province_shards)

    def _province(self, value: str) -> str:
        """A province the shards hold (an unknown one is a 422 naming the field, not a 500)."""
        if len(value) != 2 or not value.isdigit() or value not in self.provinces:
            message = "Mã tỉnh gồm 2 chữ số, thuộc danh mục tỉnh."
            raise InvalidInput(errors=[FieldError("province_code", message, "format")])
        return value

    def CountForReconciliation(  # noqa: N802
        self, request: counts_pb2.CountRequest, context: grpc.ServicerContext
    ) -> counts_pb2.CountResponse:
        return count_province(
            require_principal(), self.app.router, request.province_code, COUNT_SQL
        )

    def RegisterHousehold(  # noqa: N802
        self, request: poverty_pb2.RegisterHouseholdRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.RegisterHouseholdResponse:
        principal = require_principal()
        province = self._province(request.household.province_code)
        household = m.household_from_pb(request.household, self.app.new_id)
        cmd = commands.RegisterHousehold(principal, province, household)
        household_id = households.register_household(cmd, self.app.deps)
        return poverty_pb2.RegisterHouseholdResponse(household_id=household_id)

    def GetHousehold(  # noqa: N802
        self, request: poverty_pb2.GetHouseholdRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.GetHouseholdResponse:
        principal = require_principal()
        province = self._province(request.province_code)
        as_of = m.optional_date(request.as_of, "as_of") or m.today()
        view = queries.household_view(
            principal, province, request.household_id, as_of, self.app.deps
        )
        return poverty_pb2.GetHouseholdResponse(
            household=m.household_to_pb(province, view.household),
            history=[m.change_to_pb(c) for c in view.history.changes],
            status=view.status.value,
            certificates=list(view.certificates),
        )

    def RecordStatus(  # noqa: N802
        self, request: poverty_pb2.RecordStatusRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.RecordStatusResponse:
        principal = require_principal()
        province = self._province(request.province_code)
        change = m.change_from_pb(request.change, principal.subject)
        cmd = commands.RecordStatus(principal, province, request.household_id, change)
        previous = households.record_status(cmd, self.app.deps)
        return poverty_pb2.RecordStatusResponse(previous_status=previous.value)

    def GetPersonStatus(  # noqa: N802
        self, request: poverty_pb2.GetPersonStatusRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.GetPersonStatusResponse:
        principal = require_principal()
        errors: list[FieldError] = []
        on = m.date_from_pb(request.on, "on", errors)
        if not request.national_id.strip():
            errors.append(FieldError("national_id", "Bắt buộc nhập.", "required"))
        m.raise_if(errors)
        assert on is not None
        provinces = (
            [self._province(request.province_code)]
            if request.province_code
            else self.app.provinces()
        )
        answer = queries.person_status(
            principal, request.national_id.strip(), on, provinces, self.app.deps
        )
        response = poverty_pb2.GetPersonStatusResponse(
            poor_or_near_poor=answer.poor_or_near_poor,
            status=answer.status.value,
            household_id=answer.household_id or "",
        )
        if answer.change is not None:
            response.decided_by.CopyFrom(m.change_to_pb(answer.change))
        return response

    def IssueCertificate(  # noqa: N802
        self, request: poverty_pb2.IssueCertificateRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.IssueCertificateResponse:
        principal = require_principal()
        province = self._province(request.province_code)
        issued_on = m.optional_date(request.issued_on, "issued_on") or m.today()
        cmd = commands.IssueCertificate(
            principal, province, request.household_id, request.review_year, issued_on
        )
        content = households.issue_certificate(cmd, self.app.deps)
        return poverty_pb2.IssueCertificateResponse(
            certificate_number=content.number, pdf=render_certificate(content)
        )

    # -- reviews ------------------------------------------------------------------------------
    def StartReview(  # noqa: N802
        self, request: poverty_pb2.StartReviewRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.StartReviewResponse:
        principal = require_principal()
        errors: list[FieldError] = []
        started_on = m.date_from_pb(request.started_on, "started_on", errors)
        m.raise_if(errors)
        assert started_on is not None
        review = reviews.start_review(
            principal, self._province(request.province_code), commune_code=request.commune_code,
            kind=rm.review_kind(request.kind), started_on=started_on,
            district_code=request.district_code or None, deps=self.app.deps,
            new_id=self.app.new_id,
        )  # fmt: skip
        return poverty_pb2.StartReviewResponse(
            review_id=review.review_id, standard_code=review.standard_code
        )

    def AddReviewHousehold(  # noqa: N802
        self, request: poverty_pb2.AddReviewHouseholdRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.ReviewResponse:
        review = reviews.add_household(
            require_principal(), self._province(request.province_code), request.review_id,
            request.household_id, rm.request_of(request), self.app.deps,
        )  # fmt: skip
        return rm.review_to_pb(review)

    def ActOnReview(  # noqa: N802
        self, request: poverty_pb2.ActOnReviewRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.ReviewResponse:
        principal = require_principal()
        action = rm.action_of(request)
        review = reviews.act(
            principal,
            self._province(request.province_code),
            request.review_id,
            action,
            self.app.deps,
        )
        return rm.review_to_pb(review)

    def GetReview(  # noqa: N802
        self, request: poverty_pb2.GetReviewRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.ReviewResponse:
        review = queries.review_view(
            require_principal(), self._province(request.province_code), request.review_id,
            self.app.deps,
        )  # fmt: skip
        return rm.review_to_pb(review)

    def FileRequest(  # noqa: N802
        self, request: poverty_pb2.FileRequestRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.FileRequestResponse:
        principal = require_principal()
        province = self._province(request.province_code)
        received_on = m.optional_date(request.received_on, "received_on") or m.today()
        filed = requests.file_request(
            principal, province, request.household_id, rm.request_form(request.form),
            received_on, self.app.deps, self.app.new_id,
        )  # fmt: skip
        return poverty_pb2.FileRequestResponse(
            request_id=filed.request_id,
            channel=filed.request.channel.value,
            received_on=m.date_to_pb(filed.request.received_on),
        )

    # -- Excel: the review list and survey results ----------------------------------------------
    def ExportReviewList(  # noqa: N802
        self, request: poverty_pb2.ExportReviewListRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.ExcelFile:
        review, found = queries.review_households(
            require_principal(), self._province(request.province_code), request.review_id,
            self.app.deps,
        )  # fmt: skip
        content = review_excel.export_review(review, found, get_standard(review.standard_code))
        name = f"ra-soat-{review.commune_code}-{review.year}.xlsx"
        return poverty_pb2.ExcelFile(file_name=name, content=content, rows=len(review.cases))

    def ImportReviewList(  # noqa: N802
        self, request: poverty_pb2.ImportReviewListRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.ImportReviewListResponse:
        principal = require_principal()
        province = self._province(request.province_code)
        review, found = queries.review_households(
            principal, province, request.review_id, self.app.deps
        )
        file = review_excel.ReviewFile(
            request.content, review, found, get_standard(review.standard_code)
        )
        outcome = review_import.import_rows(
            principal, province, request.review_id, file.rows(), self.app.deps
        )
        errors = [file.locate(row, e) for row, es in outcome.rejected.items() for e in es]
        return poverty_pb2.ImportReviewListResponse(
            rows=outcome.rows,
            applied=outcome.applied,
            rejected=len(outcome.rejected),
            errors=[
                poverty_pb2.RowError(sheet=e.sheet, row=e.row, column=e.column, message=e.message)
                for e in errors
            ],
            error_file=file.error_file(outcome.rejected, errors) if errors else b"",
        )

    def GetReviewReport(  # noqa: N802
        self, request: poverty_pb2.GetReviewReportRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.GetReviewReportResponse:
        if not 2016 <= request.year <= 2100:
            raise InvalidInput(errors=[FieldError("year", "Năm rà soát từ 2016.", "range")])
        report = queries.review_report(
            require_principal(), self._province(request.province_code),
            request.commune_code or None, request.year, self.app.deps,
        )  # fmt: skip
        units = [report.province_code, *report.communes]
        names = {u: found.name for u in units if (found := find_unit(u, "2025")) is not None}
        f = report.figures
        unit = report.commune_code or report.province_code
        return poverty_pb2.GetReviewReportResponse(
            file_name=f"bao-cao-ra-soat-{unit}-{report.year}.xlsx",
            content=review_report_excel.write_report(report, m.today(), names),
            households=f.households, poor=f.poor, near_poor=f.near_poor,
            poor_rate=str(f.poor_rate), near_poor_rate=str(f.near_poor_rate),
            entered_poverty=f.entered_poverty, entered_near_poverty=f.entered_near_poverty,
            left_poverty=f.left_poverty, left_near_poverty=f.left_near_poverty,
            deprivations=[
                poverty_pb2.IndicatorCount(
                    indicator=code, label=review_report_excel.indicator_label(report.year, code),
                    households=count,
                )
                for code, count in f.deprivations.items()
            ],
        )  # fmt: skip

    def ListLateUnits(  # noqa: N802
        self, request: poverty_pb2.ListLateUnitsRequest, context: grpc.ServicerContext
    ) -> poverty_pb2.ListLateUnitsResponse:
        principal = require_principal()
        due = _report_due(request.kind, request.year, request.month)
        today = m.optional_date(request.on, "on") or m.today()
        provinces = (
            [self._province(request.province_code)]
            if request.province_code
            else sorted(self.provinces)
        )
        answer = queries.late_units(
            principal, provinces, not request.province_code, due, today, self.app.deps,
            lambda province: [u.code for u in children(province, "2025")],
        )  # fmt: skip
        late = []
        for unit, day in answer.late:
            found = find_unit(unit, "2025")
            item = poverty_pb2.LateUnit(unit_code=unit, unit_name=found.name if found else "")
            if day is not None:
                item.submitted_on.CopyFrom(m.date_to_pb(day))
            late.append(item)
        return poverty_pb2.ListLateUnitsResponse(
            last_day=m.date_to_pb(due.last_day), units=answer.units, late=late
        )


def _report_due(kind: str, year: int, month: int) -> rc.ReportDue:
    errors: list[FieldError] = []
    try:
        chosen = rc.ReportKind(kind)
    except ValueError:
        errors.append(FieldError("kind", "Loại báo cáo: `monthly`, `annual_preliminary` hoặc "
                                 "`annual_official`."))  # fmt: skip
        chosen = rc.ReportKind.MONTHLY
    if not 2016 <= year <= 2100:
        errors.append(FieldError("year", "Năm báo cáo từ 2016.", "range"))
    if chosen is rc.ReportKind.MONTHLY and month not in rc.MONTHLY_MONTHS:
        errors.append(FieldError("month", "Báo cáo tháng nộp từ tháng 2 đến tháng 9.", "range"))
    m.raise_if(errors)
    return rc.report_due(chosen, year, month or None)
