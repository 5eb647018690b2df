"""``StartImport``: the commune Excel import as a long-running job (docs/adr/0012).

The request is checked and the file read before the job is stored, so a bad request is a
clear error at once; then ``FileImporter.run`` runs in the job runner with its progress
callback feeding the job's progress. Percent follows the rows read through the file (it
never goes back when the importer alternates between validating and writing a batch). The
``ImportResult`` is the job's result; the error workbook is its file ``error_workbook``.
"""

from __future__ import annotations

from collections.abc import Callable

from ansinh.registry.v1 import registry_pb2
from ansinh_common.auth.principal import Principal
from ansinh_common.errors import FieldError, InvalidInput, Unavailable
from ansinh_common.jobs import JobFile, JobOutcome, JobRunner, ProgressReporter
from ansinh_common.jobs import Progress as JobProgress
from ansinh_common.jobs.servicer import job_message
from registry.excel.importer import (
    FileImporter,
    ImportMode,
    ImportOptions,
    ImportReport,
    Phase,
    Progress,
)

KIND = "registry.import"
ERROR_WORKBOOK = "error_workbook"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MSG_NO_JOBS = "Dịch vụ quản lý đối tượng chưa cấu hình cơ sở dữ liệu công việc."
_MODES = {
    registry_pb2.IMPORT_MODE_DRY_RUN: (ImportMode.DRY_RUN, False),
    registry_pb2.IMPORT_MODE_APPLY: (ImportMode.APPLY, False),
    registry_pb2.IMPORT_MODE_APPLY_VALID_ONLY: (ImportMode.APPLY, True),
}

ResultOf = Callable[[ImportReport], registry_pb2.ImportResult]


def import_options(request: registry_pb2.ImportFileRequest, batch_rows: int) -> ImportOptions:
    if request.mode not in _MODES:
        raise InvalidInput(errors=[FieldError("mode", "Chọn chạy thử hoặc cập nhật.")])
    mode, valid_only = _MODES[request.mode]
    return ImportOptions(
        mode=mode, valid_rows_only=valid_only or request.valid_rows_only,
        signing_unit_code=request.signing_unit_code or None, batch_rows=batch_rows,
        file_name=request.file_name or "tep.xlsx",
    )  # fmt: skip


def start_import(
    runner: JobRunner | None,
    importer: FileImporter,
    principal: Principal,
    request: registry_pb2.ImportFileRequest,
    content: bytes,
    options: ImportOptions,
    result_of: ResultOf,
) -> registry_pb2.StartImportResponse:
    if runner is None:
        raise Unavailable(MSG_NO_JOBS)
    mode = request.mode
    if mode == registry_pb2.IMPORT_MODE_APPLY and request.valid_rows_only:
        mode = registry_pb2.IMPORT_MODE_APPLY_VALID_ONLY

    def work(report: ProgressReporter) -> JobOutcome:
        outcome = importer.run(principal, content, options, _progress(report))
        result = result_of(outcome)
        result.mode = mode
        workbook = result.error_workbook
        result.ClearField("error_workbook")
        name = f"loi-{options.file_name}"
        files = [JobFile(ERROR_WORKBOOK, workbook, XLSX, name)] if workbook else []
        return JobOutcome(result, files)

    record = runner.start(KIND, principal, work)
    return registry_pb2.StartImportResponse(job=job_message(record))


def _progress(report: ProgressReporter) -> Callable[[Progress], None]:
    highest = [0]

    def progress(p: Progress) -> None:
        if p.phase is not Phase.WRITING:  # writing counts valid rows: not through the file
            highest[0] = max(highest[0], p.percent)
        percent = 100 if p.phase is Phase.DONE else min(99, highest[0])
        report(JobProgress(p.phase.value, p.rows_done, p.rows_total, percent, "rows"))

    return progress
