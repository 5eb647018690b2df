"""gRPC servicer of ``ansinh.registry.v1.RegistryService`` (port 58053).

Thin: it turns requests into use-case calls and answers into messages. Access is checked in
the use cases (``service_layer.access`` through ``ansinh_common.authz``); the read-side
queries here check the unit they are limited to the same way. Domain errors become gRPC
statuses in the shared interceptor (docs/adr/0002).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, require_principal
from ansinh_common.catalogs.admin_units import CatalogVersion, find_unit
from ansinh_common.errors import FieldError, InvalidInput, PermissionDenied
from registry.adapters import read_model
from registry.adapters.global_index import SqlGlobalIndex
from registry.adapters.messages import change_to_proto
from registry.entrypoints import grpc_commands as commands
from registry.entrypoints import grpc_mapping as m
from registry.entrypoints.app import RegistryApp
from registry.entrypoints.import_job import import_options, start_import
from registry.excel.export import export_commune
from registry.excel.importer import ImportReport, Phase, Progress
from registry.service_layer import queries

log = logging.getLogger(__name__)

MAX_ERRORS_IN_RESPONSE = 10_000
VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving: the business date
_PHASES = {
    Phase.VALIDATING: registry_pb2.IMPORT_PHASE_VALIDATING,
    Phase.WRITING: registry_pb2.IMPORT_PHASE_WRITING,
    Phase.DONE: registry_pb2.IMPORT_PHASE_DONE,
}


class _AboutRecord(Protocol):
    """A request naming one record (the changes of an existing record)."""

    @property
    def record_id(self) -> str: ...

    @property
    def province_code(self) -> str: ...


class ImportCancelled(Exception):  # noqa: N818 - a signal, not an error shown to users
    """The caller went away: the import stops and rolls back."""


class RegistryServicer(registry_pb2_grpc.RegistryServiceServicer):
    def __init__(self, app: RegistryApp) -> None:
        self.app = app

    # -- reading --------------------------------------------------------------------------
    def SearchRecords(  # noqa: N802
        self, request: registry_pb2.SearchRecordsRequest, context: grpc.ServicerContext
    ) -> registry_pb2.SearchRecordsResponse:
        principal = require_principal()
        personal_id = request.personal_id or None
        if principal.has_role("citizen") and not _official(principal):
            if not principal.national_id:
                raise PermissionDenied("Tài khoản chưa có số định danh cá nhân.")
            personal_id = principal.national_id
        province, commune = self._scope(principal, request, personal_id)
        size = read_model.page_size(request.page.page_size)
        status = m.STATUS_FROM_PROTO.get(request.status)
        flt = read_model.SearchFilter(
            province_code=province, commune_code=commune, name=request.name or None,
            personal_id=personal_id, category_code=request.category_code or None,
            status=status.value if status else None,
        )  # fmt: skip
        with self.app.router.session(province) as session:
            page = read_model.search(session, flt, size, request.page.page_token)
        return registry_pb2.SearchRecordsResponse(
            records=[m.summary_from_row(r) for r in page.rows],
            page=common_pb2.PageResponse(next_page_token=page.next_token, total=page.total),
        )

    def _scope(
        self,
        principal: Principal,
        request: registry_pb2.SearchRecordsRequest,
        personal_id: str | None,
    ) -> tuple[str, str | None]:
        """(province, commune or None) of a search; checks read access to that unit."""
        unit = request.unit_code or None
        official = _official(principal)
        if unit is None and official and principal.unit_code not in (None, "VN"):
            unit = principal.unit_code
        province = request.province_code or None
        commune = None
        if unit is not None and len(unit) == 5:
            found = find_unit(unit, CatalogVersion.V2025)
            if found is None or found.parent_code is None:
                raise InvalidInput(errors=[FieldError("unit_code", "Mã xã không hợp lệ.")])
            commune, province = unit, province or found.parent_code
        elif unit is not None:
            province = province or unit
        if province is None and personal_id:
            entries = SqlGlobalIndex(self.app.router.global_engine()).find(personal_id)
            province = entries[0].province_code if entries else None
        if province is None:
            raise InvalidInput(
                "Hãy chọn tỉnh (province_code), đơn vị (unit_code) hoặc số định danh.",
                errors=[FieldError("province_code", "Bắt buộc nhập.", "required")],
            )
        if official:
            self.app.access.require_read_unit(principal, commune or province, "2025")
        return province, commune

    def GetRecord(  # noqa: N802
        self, request: registry_pb2.GetRecordRequest, context: grpc.ServicerContext
    ) -> registry_pb2.GetRecordResponse:
        as_of = m.date_from_pb(request.as_of, "as_of")
        view = queries.get_record(
            require_principal(), request.province_code, request.record_id, self.app.deps, as_of
        )
        return m.record_response(view)

    def GetHistory(  # noqa: N802
        self, request: registry_pb2.GetHistoryRequest, context: grpc.ServicerContext
    ) -> registry_pb2.GetHistoryResponse:
        view = queries.get_record(
            require_principal(), request.province_code, request.record_id, self.app.deps
        )
        return registry_pb2.GetHistoryResponse(changes=[change_to_proto(c) for c in view.history])

    def ListChanges(  # noqa: N802
        self, request: registry_pb2.ListChangesRequest, context: grpc.ServicerContext
    ) -> registry_pb2.ListChangesResponse:
        principal = require_principal()
        province = request.province_code or _province_of(request.unit_code or principal.unit_code)
        unit = request.unit_code or _own_unit_in(principal, province)
        self.app.access.require_read_unit(principal, unit, "2025")
        commune = unit if len(unit) == 5 else None
        flt = read_model.ChangeFilter(
            province_code=province, commune_code=commune,
            kinds=tuple(request.kinds),
            effective_from=m.date_from_pb(request.effective_from, "effective_from"),
            effective_to=m.date_from_pb(request.effective_to, "effective_to"),
        )  # fmt: skip
        size = read_model.page_size(request.page.page_size)
        with self.app.router.session(province) as session:
            page = read_model.list_changes(session, flt, size, request.page.page_token)
        return registry_pb2.ListChangesResponse(
            changes=[m.change_entry(r) for r in page.rows],
            page=common_pb2.PageResponse(next_page_token=page.next_token, total=page.total),
        )

    # -- the Excel cycle ------------------------------------------------------------------
    def ExportFile(  # noqa: N802
        self, request: registry_pb2.ExportFileRequest, context: grpc.ServicerContext
    ) -> registry_pb2.ExportFileResponse:
        principal = require_principal()
        if not request.commune_code:
            raise InvalidInput(errors=[FieldError("commune_code", "Bắt buộc nhập.", "required")])
        self.app.access.require_read_unit(principal, request.commune_code, "2025")
        now = datetime.now(UTC)
        period = (request.period.year, request.period.month) if request.period.year else (
            now.year, now.month,
        )  # fmt: skip
        exported = export_commune(
            self.app.router, request.commune_code, period, include_ended=request.include_ended
        )
        return registry_pb2.ExportFileResponse(
            content=exported.content, file_name=exported.file_name, rows=exported.rows
        )

    def ImportFile(  # noqa: N802
        self, request: registry_pb2.ImportFileRequest, context: grpc.ServicerContext
    ) -> Iterator[registry_pb2.ImportFileResponse]:
        principal = require_principal()
        options = import_options(request, self.app.settings.import_batch_rows)
        content = self._content(request)
        events: queue.Queue[Progress | ImportReport | BaseException] = queue.Queue(maxsize=64)
        last: list[int] = [-1]

        def progress(p: Progress) -> None:
            if not context.is_active():
                raise ImportCancelled()
            if p.percent != last[0] or p.phase is Phase.DONE:
                last[0] = p.percent
                events.put(p)

        def run() -> None:
            try:
                events.put(self.app.importer.run(principal, content, options, progress))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                events.put(exc)

        threading.Thread(target=run, name="registry-import", daemon=True).start()
        while True:
            item = events.get()
            if isinstance(item, BaseException):
                raise item
            if isinstance(item, Progress):
                yield registry_pb2.ImportFileResponse(
                    progress=registry_pb2.ImportProgress(
                        phase=_PHASES[item.phase], rows_done=item.rows_done,
                        rows_total=item.rows_total, percent=item.percent,
                    )
                )  # fmt: skip
                continue
            yield registry_pb2.ImportFileResponse(result=_result(item))
            return

    def StartImport(  # noqa: N802
        self, request: registry_pb2.StartImportRequest, context: grpc.ServicerContext
    ) -> registry_pb2.StartImportResponse:
        principal = require_principal()
        file = request.file
        options = import_options(file, self.app.settings.import_batch_rows)
        content = self._content(file)
        return start_import(
            self.app.jobs, self.app.importer, principal, file, content, options, _result
        )

    def _content(self, request: registry_pb2.ImportFileRequest) -> bytes:
        if request.WhichOneof("source") == "content":
            return request.content
        if request.WhichOneof("source") != "path":
            raise InvalidInput(errors=[FieldError("content", "Thiếu tệp.", "required")])
        base = self.app.settings.import_dir
        if base is None:
            raise InvalidInput("Máy chủ không cho phép đọc tệp theo đường dẫn.")
        path = (Path(base) / request.path).resolve()
        if not path.is_relative_to(Path(base).resolve()) or not path.is_file():
            raise InvalidInput(errors=[FieldError("path", "Không tìm thấy tệp.", "not_found")])
        return path.read_bytes()

    # -- commands: request → command → handler → the record as it stands now ---------------
    def RegisterBeneficiary(  # noqa: N802
        self, request: registry_pb2.RegisterBeneficiaryRequest, context: grpc.ServicerContext
    ) -> registry_pb2.RegisterBeneficiaryResponse:
        principal = require_principal()
        command = commands.register(principal, request)
        record_id = self.app.bus.handle(command)
        province = command.person.residence.province_code
        return registry_pb2.RegisterBeneficiaryResponse(
            record=self._summary(principal, province, record_id)
        )

    def RecordDeath(  # noqa: N802
        self, request: registry_pb2.RecordDeathRequest, context: grpc.ServicerContext
    ) -> registry_pb2.RecordDeathResponse:
        principal = require_principal()
        self.app.bus.handle(commands.death(principal, request))
        return registry_pb2.RecordDeathResponse(record=self._summary_of(principal, request))

    def StopBenefit(  # noqa: N802
        self, request: registry_pb2.StopBenefitRequest, context: grpc.ServicerContext
    ) -> registry_pb2.StopBenefitResponse:
        principal = require_principal()
        self.app.bus.handle(commands.stop(principal, request))
        return registry_pb2.StopBenefitResponse(record=self._summary_of(principal, request))

    def ChangeInformation(  # noqa: N802
        self, request: registry_pb2.ChangeInformationRequest, context: grpc.ServicerContext
    ) -> registry_pb2.ChangeInformationResponse:
        principal = require_principal()
        today = self.app.deps.clock().astimezone(VIETNAM).date()
        changed = self.app.bus.handle(commands.information(principal, request, today))
        return registry_pb2.ChangeInformationResponse(
            changed=bool(changed), record=self._summary_of(principal, request)
        )

    def ChangeCoefficient(  # noqa: N802
        self, request: registry_pb2.ChangeCoefficientRequest, context: grpc.ServicerContext
    ) -> registry_pb2.ChangeCoefficientResponse:
        principal = require_principal()
        self.app.bus.handle(commands.coefficient(principal, request))
        return registry_pb2.ChangeCoefficientResponse(record=self._summary_of(principal, request))

    def RequestMove(  # noqa: N802
        self, request: registry_pb2.RequestMoveRequest, context: grpc.ServicerContext
    ) -> registry_pb2.RequestMoveResponse:
        move_id = self.app.bus.handle(commands.move(require_principal(), request))
        return registry_pb2.RequestMoveResponse(move_id=str(move_id))

    def _summary_of(
        self, principal: Principal, request: _AboutRecord
    ) -> registry_pb2.RecordSummary:
        return self._summary(principal, request.province_code, request.record_id)

    def _summary(
        self, principal: Principal, province_code: str, record_id: str
    ) -> registry_pb2.RecordSummary:
        view = queries.get_record(principal, province_code, record_id, self.app.deps)
        return m.summary_from_state(view.record_id, view.province_code, view.version, view.state)


def _province_of(unit_code: str | None) -> str:
    """The province of a province (2 digits) or commune (5 digits, 2025 catalog) code."""
    if unit_code and len(unit_code) == 2 and unit_code.isdigit():
        return unit_code
    unit = find_unit(unit_code, CatalogVersion.V2025) if unit_code and len(unit_code) == 5 else None
    if unit is None or unit.parent_code is None:
        raise InvalidInput(
            "Hãy chọn tỉnh (province_code) hoặc đơn vị (unit_code).",
            errors=[FieldError("province_code", "Bắt buộc nhập.", "required")],
        )
    return unit.parent_code


def _own_unit_in(principal: Principal, province_code: str) -> str:
    """The caller's own commune if it lies in ``province_code``, else the province."""
    own = principal.unit_code
    unit = find_unit(own, CatalogVersion.V2025) if own and len(own) == 5 else None
    return own if unit is not None and own and unit.parent_code == province_code else province_code


def _official(principal: Principal) -> bool:
    return any(role.endswith(("_officer", "_leader")) for role in principal.roles)


def _result(report: ImportReport) -> registry_pb2.ImportResult:
    return registry_pb2.ImportResult(
        rows_total=report.rows_total,
        rows_valid=report.rows_valid,
        rows_rejected=report.rows_rejected,
        rows_applied=report.rows_applied,
        applied=report.applied,
        errors=[m.row_error_pb(e) for e in report.errors[:MAX_ERRORS_IN_RESPONSE]],
        error_count=len(report.errors),
        error_workbook=report.error_workbook or b"",
        records_created=report.records_created,
        records_changed=report.records_changed,
        province_code=report.province_code,
        commune_code=report.commune_code or "",
    )
