"""gRPC servicer of ``ansinh.payment.v1.PaymentService`` (port 58055).

Thin: requests become use-case calls, answers become messages. Access (units, roles,
maker–checker) is checked in the use cases; domain errors become gRPC statuses in the shared
interceptor (ADR 0002). A list is addressed by its commune and month; the commune decides the
province shard.
"""

from __future__ import annotations

import csv
import zipfile
from typing import TypeAlias

import grpc

from ansinh.common.v1 import counts_pb2
from ansinh.payment.v1 import payment_pb2 as pb
from ansinh.payment.v1 import payment_pb2_grpc
from ansinh_common.auth.principal import require_principal
from ansinh_common.catalogs import admin_units
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.errors import FieldError, InvalidInput
from ansinh_common.owner_counts import count_province
from payment.adapters.export_files import to_csv, to_xlsx
from payment.adapters.reconciliation_counts import COUNT_SQL
from payment.adapters.results_file import UnreadableFileError, read_results
from payment.bootstrap import PaymentApp
from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.commands import ApproveList, CloseMonth, GenerateList, RecordSetting
from payment.domain.errors import InvalidResultsFile
from payment.domain.months import Month
from payment.domain.payment_list import list_id
from payment.domain.policy import Setting
from payment.domain.rules.list_deadline import due_before
from payment.entrypoints import grpc_mapping as m
from payment.entrypoints.generation_job import start_generation
from payment.service_layer import queries
from payment.service_layer.access import CATALOG, province_of_commune
from payment.service_layer.handlers import channels, corrections, exports, lists
from payment.service_layer.handlers import payment_results as results
from payment.service_layer.handlers.settings import record_setting

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX}
Context: TypeAlias = grpc.ServicerContext


class PaymentServicer(payment_pb2_grpc.PaymentServiceServicer):
    def __init__(self, app: PaymentApp) -> None:
        self.app = app
        self.provinces = frozenset(app.router.province_shards)

    def CountForReconciliation(  # noqa: N802
        self, request: counts_pb2.CountRequest, context: grpc.ServicerContext
    ) -> counts_pb2.CountResponse:
        return count_province(
            require_principal(), self.app.router, request.province_code, COUNT_SQL
        )

    def _province(self, value: str) -> str:
        """A province the shards hold (an unknown one is a 422 naming the field, not a 500)."""
        if len(value) != 2 or not value.isdigit() or value not in self.provinces:
            message = "Mã tỉnh gồm 2 chữ số, thuộc danh mục tỉnh."
            raise InvalidInput(errors=[FieldError("province_code", message, "format")])
        return value

    def _list(self, commune_code: str, month: str) -> tuple[str, str]:
        """(province, list id) of a commune's list for a month, both checked."""
        province = province_of_commune(commune_code)
        return province, list_id(commune_code, m.month(month))

    # -- province settings --------------------------------------------------------------------
    def RecordSetting(  # noqa: N802
        self, request: pb.RecordSettingRequest, context: Context
    ) -> pb.RecordSettingResponse:
        province = self._province(request.province_code)
        cmd = RecordSetting(require_principal(), province, m.setting_from_pb(request.setting))
        setting = record_setting(cmd, uow=self.app.uow, units=self.app.units,
                                 today=self.app.today())  # fmt: skip
        return pb.RecordSettingResponse(setting=m.setting_to_pb(setting))

    def ListSettings(  # noqa: N802
        self, request: pb.ListSettingsRequest, context: Context
    ) -> pb.ListSettingsResponse:
        province = self._province(request.province_code)
        policy = queries.settings(require_principal(), province, uow=self.app.uow,
                                  units=self.app.units)  # fmt: skip
        ordered = sorted(policy.settings, key=lambda s: (s.key, s.effective_from))
        return pb.ListSettingsResponse(
            settings=[m.setting_to_pb(s, _used_through(s, policy.used_through)) for s in ordered],
            approved_through=str(policy.approved_through) if policy.approved_through else "",
        )  # fmt: skip

    # -- lists -----------------------------------------------------------------------------
    def StartGeneration(  # noqa: N802
        self, request: pb.StartGenerationRequest, context: Context
    ) -> pb.StartGenerationResponse:
        cmd = GenerateList(require_principal(), request.commune_code, m.month(request.month))
        return start_generation(self.app, cmd)

    def GetList(  # noqa: N802
        self, request: pb.GetListRequest, context: Context
    ) -> pb.GetListResponse:
        view = queries.payment_list(
            require_principal(), request.commune_code, m.month(request.month), uow=self.app.uow,
            reads=self.app.reads, units=self.app.units, page_size=request.page.page_size,
            page_token=request.page.page_token,
        )  # fmt: skip
        return pb.GetListResponse(
            payment_list=m.header_to_pb(view.header),
            lines=[m.line_to_pb(line) for line in view.lines],
            next_page_token=view.next_token,
        )

    def ApproveList(  # noqa: N802
        self, request: pb.ApproveListRequest, context: Context
    ) -> pb.ListHeaderResponse:
        cmd = ApproveList(require_principal(), request.commune_code, m.month(request.month))
        approved = lists.approve_list(cmd, uow=self.app.uow, units=self.app.units)
        return pb.ListHeaderResponse(payment_list=m.header_to_pb(approved))

    def CloseMonth(  # noqa: N802
        self, request: pb.CloseMonthRequest, context: Context
    ) -> pb.ListHeaderResponse:
        cmd = CloseMonth(require_principal(), request.commune_code, m.month(request.month))
        closed = lists.close_month(cmd, uow=self.app.uow, units=self.app.units)
        return pb.ListHeaderResponse(payment_list=m.header_to_pb(closed))

    # -- channels, files, results ------------------------------------------------------------
    def RecordChannel(  # noqa: N802
        self, request: pb.RecordChannelRequest, context: Context
    ) -> pb.RecordChannelResponse:
        province = province_of_commune(request.commune_code)
        valid_from = m.month(request.valid_from, "valid_from")
        assignment = ChannelAssignment(
            request.national_id.strip(), request.channel_code.strip(), valid_from,
            request.point_code.strip() or None, request.account_number.strip() or None,
            request.account_holder.strip() or None,
        )  # fmt: skip
        with self.app.stores(province) as store:
            recorded = channels.record_channel(store, assignment, request.commune_code,
                                               require_principal(), self.app.units)  # fmt: skip
        return pb.RecordChannelResponse(recorded=recorded)

    def ExportList(  # noqa: N802
        self, request: pb.ExportListRequest, context: Context
    ) -> pb.ExportListResponse:
        province, lid = self._list(request.commune_code, request.month)
        fmt = request.format or "csv"
        with self.app.stores(province) as store:
            out = exports.export_channel(
                store, lid, request.channel_code, fmt, require_principal(), self.app.units,
                {"csv": to_csv, "xlsx": to_xlsx},
            )  # fmt: skip
        return pb.ExportListResponse(
            file_name=out.file_name, content=out.content, content_type=CONTENT_TYPES[fmt],
            checksum=out.checksum, line_count=out.line_count, total_vnd=out.total_vnd,
        )  # fmt: skip

    def ImportResults(  # noqa: N802
        self, request: pb.ImportResultsRequest, context: Context
    ) -> pb.ImportResultsResponse:
        province, lid = self._list(request.commune_code, request.month)
        try:
            get_payment_channel(request.channel_code)
        except KeyError:
            message = f"Hình thức chi trả '{request.channel_code}' không có trong danh mục."
            raise InvalidInput(errors=[FieldError("channel_code", message, "unknown")]) from None
        if not request.content:
            raise InvalidInput(errors=[FieldError("content", "Tệp rỗng.", "required")])
        try:
            raw = read_results(request.content, request.file_name or "ket-qua.csv")
        except UnreadableFileError as err:
            raise InvalidResultsFile([FieldError("file", err.error.message, "format")]) from None
        except (csv.Error, zipfile.BadZipFile, KeyError, ValueError, OSError):  # a corrupt file
            message = "Không đọc được tệp kết quả (.csv UTF-8 hoặc .xlsx)."
            raise InvalidResultsFile([FieldError("file", message, "format")]) from None
        with self.app.stores(province) as store:
            done = results.import_results(store, lid, request.channel_code, raw.rows,
                                          require_principal(), self.app.units)  # fmt: skip
        return pb.ImportResultsResponse(
            import_id=done.import_id, paid=done.paid, failed=done.failed,
            returned=done.returned, carried_over=done.carried_over,
            suspension_proposals=done.suspension_proposals,
        )  # fmt: skip

    def GetReconciliation(  # noqa: N802
        self, request: pb.GetReconciliationRequest, context: Context
    ) -> pb.GetReconciliationResponse:
        province, lid = self._list(request.commune_code, request.month)
        with self.app.stores(province) as store:
            rows = results.reconciliation(store, lid, require_principal(), self.app.units)
        return pb.GetReconciliationResponse(
            channels=[
                pb.Reconciliation(
                    commune_code=r.commune_code, channel_code=r.channel_code,
                    month=str(r.month), expected_count=r.expected_count,
                    expected_vnd=r.expected_vnd, paid_count=r.paid_count, paid_vnd=r.paid_vnd,
                    failed_count=r.failed_count, failed_vnd=r.failed_vnd,
                    outstanding_count=r.outstanding_count, outstanding_vnd=r.outstanding_vnd,
                )
                for r in rows
            ]
        )  # fmt: skip

    def AddAdjustment(  # noqa: N802
        self, request: pb.AddAdjustmentRequest, context: Context
    ) -> pb.AddAdjustmentResponse:
        province, lid = self._list(request.commune_code, request.month)
        with self.app.stores(province) as store:
            made = corrections.add_correction(
                store, lid, request.corrected_line_id, request.new_amount_vnd, request.reason,
                require_principal(), self.app.units,
            )  # fmt: skip
        return pb.AddAdjustmentResponse(
            line_id=made.line_id, corrects_line_id=made.corrects_line_id,
            amount_vnd=made.amount, month_for=str(made.month_for), description=made.description,
        )  # fmt: skip

    # -- explain, deadlines, proposals ---------------------------------------------------------
    def ExplainMonth(  # noqa: N802
        self, request: pb.ExplainMonthRequest, context: Context
    ) -> pb.ExplainMonthResponse:
        province = self._province(request.province_code)
        national_id = request.national_id.strip()
        if not national_id:
            raise InvalidInput(errors=[FieldError("national_id", "Bắt buộc nhập.", "required")])
        found = queries.explain_month(
            require_principal(), province, national_id, m.month(request.month),
            uow=self.app.uow, units=self.app.units,
        )  # fmt: skip
        return m.explanation_to_pb(national_id, found)

    def ListLateCommunes(  # noqa: N802
        self, request: pb.ListLateCommunesRequest, context: Context
    ) -> pb.ListLateCommunesResponse:
        province = self._province(request.province_code)
        month = m.month(request.month)
        today = m.date_of(request.today, "today") or self.app.today()
        late = queries.late(require_principal(), province, month, today, reads=self.app.reads,
                            units=self.app.units)  # fmt: skip
        return pb.ListLateCommunesResponse(
            due_before=m.pb_date(due_before(month)),
            communes=[
                pb.LateCommune(
                    commune_code=x.commune_code, commune_name=_unit_name(x.commune_code),
                    approved_on=m.pb_date(x.approved_on) if x.approved_on else None,
                    message=x.message,
                )
                for x in late
            ],
        )  # fmt: skip

    def ListSuspensionProposals(  # noqa: N802
        self, request: pb.ListSuspensionProposalsRequest, context: Context
    ) -> pb.ListSuspensionProposalsResponse:
        province = self._province(request.province_code)
        found = queries.suspension_proposals(
            require_principal(), province, request.commune_code.strip() or None,
            m.month_of(request.month, "month", required=False),
            reads=self.app.reads, units=self.app.units,
        )  # fmt: skip
        return pb.ListSuspensionProposalsResponse(
            proposals=[
                pb.SuspensionProposal(
                    record_id=p.record_id, commune_code=p.commune_code, month=str(p.month),
                    months_not_collected=[str(x) for x in p.months_not_collected],
                    proposed_on=m.pb_date(p.proposed_on),
                )
                for p in found
            ]
        )  # fmt: skip


def _unit_name(code: str) -> str:
    unit = admin_units.find_unit(code, CATALOG)
    return unit.name if unit is not None else ""


def _used_through(setting: Setting, used: dict[str, Month]) -> Month | None:
    """The last month an approved list used this version (versions up to that month)."""
    through = used.get(setting.key)
    return through if through is not None and setting.effective_from <= through else None
