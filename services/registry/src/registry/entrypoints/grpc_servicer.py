"""gRPC servicer of ``ansinh.registry.v1.RegistryService`` (port 58053).

Thin: it turns requests into use-case calls and answers into messages. Access is checked in
the use cases (``service_layer.access`` through ``ansinh_common.authz``), the read side's
scoping included (``service_layer.queries``). Domain errors become gRPC statuses in the shared
interceptor (docs/adr/0002).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, require_principal
from ansinh_common.catalogs.admin_units import CatalogVersion, find_unit
from ansinh_common.errors import FieldError, InvalidInput
from ansinh_common.grpc.request_context import request_context_from
from registry.adapters.messages import change_to_proto, fill
from registry.bootstrap import RegistryApp
from registry.domain.read_audit import ReadKind
from registry.entrypoints import grpc_commands as commands
from registry.entrypoints import grpc_mapping as m
from registry.entrypoints.import_job import import_options, start_import
from registry.entrypoints.masking import mask_identifiers
from registry.excel.export import export_commune
from registry.excel.importer import ImportReport, Phase, Progress
from registry.service_layer import queries, read_audit

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
        status = m.STATUS_FROM_PROTO.get(request.status)
        query = queries.SearchQuery(
            province_code=request.province_code or None, unit_code=request.unit_code or None,
            name=request.name or None, personal_id=request.personal_id or None,
            category_code=request.category_code or None,
            status=status.value if status else None, with_findings=request.with_findings,
            page_size=request.page.page_size, page_token=request.page.page_token,
        )  # fmt: skip
        principal = require_principal()
        page = queries.search_records(principal, query, self.app.reads, self.app.access)
        records = [m.summary_from_row(r) for r in page.rows]
        if request.personal_id or principal.has_role("citizen"):
            # a search by ID number reads that person's records (Decree 13/2023: audited)
            found: list[tuple[str, str | None, str | None]] = [
                (r.province_code, r.record_id, None) for r in records
            ]
            if found:
                self._audit(principal, ReadKind.SEARCH, found, context)
        return registry_pb2.SearchRecordsResponse(
            records=[self._masked_summary(principal, r) for r in records],
            page=common_pb2.PageResponse(next_page_token=page.next_token, total=page.total),
        )

    def _masked_summary(
        self, principal: Principal, summary: registry_pb2.RecordSummary
    ) -> registry_pb2.RecordSummary:
        personal_id = summary.personal_id if summary.HasField("personal_id") else None
        residence = m.residence_from_pb(summary.residence)
        if not self.app.access.sees_identifiers_at(principal, residence, personal_id):
            mask_identifiers(summary)
        return summary

    def GetRecord(  # noqa: N802
        self, request: registry_pb2.GetRecordRequest, context: grpc.ServicerContext
    ) -> registry_pb2.GetRecordResponse:
        as_of = m.date_from_pb(request.as_of, "as_of")
        principal = require_principal()
        view = queries.get_record(
            principal, request.province_code, request.record_id, self.app.deps, as_of
        )
        response = m.record_response(view)
        if not self.app.access.sees_identifiers(principal, view.state.person):
            mask_identifiers(response)
        target = [(view.province_code, view.record_id, None)]
        self._audit(principal, ReadKind.RECORD, target, context)
        return response

    def GetHistory(  # noqa: N802
        self, request: registry_pb2.GetHistoryRequest, context: grpc.ServicerContext
    ) -> registry_pb2.GetHistoryResponse:
        principal = require_principal()
        view = queries.get_record(
            principal, request.province_code, request.record_id, self.app.deps
        )
        response = registry_pb2.GetHistoryResponse(
            changes=[change_to_proto(c) for c in view.history]
        )
        if not self.app.access.sees_identifiers(principal, view.state.person):
            mask_identifiers(response)
        target = [(view.province_code, view.record_id, None)]
        self._audit(principal, ReadKind.HISTORY, target, context)
        return response

    def ListRecordReads(  # noqa: N802
        self, request: registry_pb2.ListRecordReadsRequest, context: grpc.ServicerContext
    ) -> registry_pb2.ListRecordReadsResponse:
        reads, next_token = read_audit.reads_of_record(
            self.app.read_audit, require_principal(), request.province_code, request.record_id,
            self.app.deps, page_size=request.page.page_size, page_token=request.page.page_token,
        )  # fmt: skip
        return registry_pb2.ListRecordReadsResponse(
            reads=[m.record_read_pb(r) for r in reads],
            page=common_pb2.PageResponse(next_page_token=next_token),
        )

    def CountBeneficiaries(  # noqa: N802
        self, request: registry_pb2.CountBeneficiariesRequest, context: grpc.ServicerContext
    ) -> registry_pb2.CountBeneficiariesResponse:
        province = request.province_code
        shard, counts = queries.count_beneficiaries(require_principal(), province, self.app.reads)
        return registry_pb2.CountBeneficiariesResponse(
            province_code=province,
            shard=shard,
            counts=[registry_pb2.StatusCount(status=s, count=n) for s, n in sorted(counts.items())],
        )

    def SnapshotPaymentProfiles(  # noqa: N802
        self, request: registry_pb2.SnapshotPaymentProfilesRequest, context: grpc.ServicerContext
    ) -> Iterator[registry_pb2.SnapshotPaymentProfilesResponse]:
        batches = queries.payment_snapshot(
            require_principal(), request.province_code, self.app.reads
        )
        for batch in batches:
            out = registry_pb2.SnapshotPaymentProfilesResponse(
                shard=batch.shard, outbox_position=batch.outbox_position
            )
            out.taken_at.FromDatetime(batch.taken_at.astimezone(UTC))
            for r in batch.records:
                item = out.records.add(
                    record_id=r.record_id, province_code=r.province_code, version=r.version
                )
                fill(item.payment, r.payment)
            yield out

    def _audit(
        self,
        principal: Principal,
        kind: ReadKind,
        targets: Sequence[tuple[str, str | None, str | None]],
        context: grpc.ServicerContext,
    ) -> None:
        where = request_context_from(context)
        read_audit.record_reads(
            self.app.read_audit, principal, kind, targets,
            client_address=where.client_address, route=where.route,
        )  # fmt: skip

    def ListChanges(  # noqa: N802
        self, request: registry_pb2.ListChangesRequest, context: grpc.ServicerContext
    ) -> registry_pb2.ListChangesResponse:
        query = queries.ChangesQuery(
            province_code=request.province_code or None, unit_code=request.unit_code or None,
            kinds=tuple(request.kinds),
            effective_from=m.date_from_pb(request.effective_from, "effective_from"),
            effective_to=m.date_from_pb(request.effective_to, "effective_to"),
            page_size=request.page.page_size, page_token=request.page.page_token,
        )  # fmt: skip
        page = queries.list_changes(require_principal(), query, self.app.reads, self.app.access)
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
        unit = find_unit(request.commune_code, CatalogVersion.V2025)
        province = unit.parent_code if unit and unit.parent_code else request.commune_code[:2]
        self._audit(principal, ReadKind.EXPORT, [(province, None, request.commune_code)], context)
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
        rows_blank=report.rows_blank,
        warnings=[m.row_error_pb(w) for w in report.warnings[:MAX_ERRORS_IN_RESPONSE]],
        warning_count=len(report.warnings),
    )
