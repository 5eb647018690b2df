"""Import of a filled commune file: dry run or apply, streaming, atomic per shard-file.

1. The file is read (python-calamine; blank rows skipped and counted) in batches; each row
   is checked by the domain's validator (every error by row and column, in Vietnamese, and
   warnings to check) and, unless it repeats a person listed earlier in the file ("trùng với
   dòng N"), its command is run
   through the ordinary use cases against :class:`~registry.excel.staging.RowUnitOfWork`
   (same rules, same events as a single change; a row the rules refuse becomes an error).
2. The valid rows of each batch are written into **one open transaction** on the province's
   shard (records, history, derived tables, outbox); their index claims are written as
   unconfirmed rows (see ``adapters.global_index``).
3. At the end the transaction is committed — only for an APPLY with no error, or with
   ``valid_rows_only`` — and the claims confirmed; otherwise it is rolled back and the claims
   withdrawn. A dry run runs the same writes and always rolls back, so its verdict is the
   apply's. A process killed at any point leaves the shard as it was (PostgreSQL drops the
   open transaction); unconfirmed claims are cleaned by ``reconcile_unconfirmed``.
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import UnitTree
from ansinh_common.catalogs.admin_units import CatalogVersion, find_unit
from ansinh_common.db import ShardRouter
from ansinh_common.errors import DomainError, InvalidInput
from ansinh_templates.beneficiary_excel import COLUMN_BY_KEY, HEADER_ROW, TitleBlock
from registry.adapters.global_index import SqlGlobalIndex
from registry.adapters.metrics import count_import_rows
from registry.bootstrap import message_bus
from registry.domain.commands import Command, RecordCommand, RegisterBeneficiary
from registry.domain.excel_import import RowContext, RowError, RowResult, validate_row
from registry.domain.excel_import.names import search_key
from registry.excel.reader import RawRow, TemplateFile
from registry.excel.row_errors import row_errors
from registry.excel.staging import FileStaging, RowUnitOfWork
from registry.excel.workbook import RejectedRow, write_error_file
from registry.service_layer.access import Access
from registry.service_layer.dependencies import now_utc

log = logging.getLogger(__name__)


class ImportMode(StrEnum):
    DRY_RUN = "dry_run"
    APPLY = "apply"


class Phase(StrEnum):
    VALIDATING = "validating"
    WRITING = "writing"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Progress:
    phase: Phase
    rows_done: int
    rows_total: int

    @property
    def percent(self) -> int:
        if self.rows_total <= 0:
            return 100 if self.phase is Phase.DONE else 0
        return min(100, self.rows_done * 100 // self.rows_total)


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    mode: ImportMode = ImportMode.DRY_RUN
    valid_rows_only: bool = False
    signing_unit_code: str | None = None
    batch_rows: int = 1000
    file_name: str = "tep.xlsx"


@dataclass
class ImportReport:
    """``rows_total``: data rows read (blank rows not counted; ``rows_blank`` says how many
    were skipped); ``warnings``: rows and columns to check, shown before anything is applied
    (the rows are valid)."""

    province_code: str
    commune_code: str | None
    rows_total: int = 0
    rows_valid: int = 0
    rows_applied: int = 0
    rows_blank: int = 0
    applied: bool = False
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    error_workbook: bytes | None = None
    records_created: int = 0
    records_changed: int = 0

    @property
    def rows_rejected(self) -> int:
        return self.rows_total - self.rows_valid


UNKNOWN_COLUMN = "cột không có trong mẫu, dữ liệu của cột này không được nhập"


class FileImporter:
    """Runs one import; wire it with the service's router, topic and unit tree."""

    def __init__(
        self,
        router: ShardRouter,
        topic: str,
        units: UnitTree,
        *,
        clock: Callable[[], datetime] = now_utc,
        max_bytes: int | None = None,
        reader: type[TemplateFile] = TemplateFile,
    ) -> None:
        self._max_bytes = max_bytes
        self._reader = reader  # the benchmark compares parsers
        self._router = router
        self._topic = topic
        self._units = units
        self._clock = clock

    def run(
        self,
        principal: Principal,
        content: bytes,
        options: ImportOptions,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        report_progress = progress or (lambda _p: None)
        with _collector_off_long_lived_objects() as freeze_survivors:
            template = self._reader(content, max_bytes=self._max_bytes)
            try:
                return self._run(principal, template, options, report_progress, freeze_survivors)
            finally:
                template.close()

    def _run(
        self,
        principal: Principal,
        template: TemplateFile,
        options: ImportOptions,
        progress: ProgressCallback,
        freeze_survivors: Callable[[], None],
    ) -> ImportReport:
        rows = template.rows()
        first = next(rows, None)
        commune = template.commune_code or (_cell_text(first, "commune_code") if first else None)
        province = _province_of(commune)
        Access(self._units).require_read_unit(principal, commune or province, "2025")
        shard = self._router.shard_for(province)
        report = ImportReport(province, commune)
        total = max(template.rows_estimate, 1 if first else 0)
        session = self._router.session_factory(shard)()
        index = SqlGlobalIndex(self._router.global_engine(), immediate=False)
        staging = FileStaging(session, index, self._topic)

        def uow(province_code: str) -> RowUnitOfWork:
            return RowUnitOfWork(staging, province_code)

        bus = message_bus(uow, units=self._units, clock=self._clock)
        today = self._clock().date()
        signing_unit = options.signing_unit_code or principal.unit_code
        ctx = RowContext(principal, today, signing_unit)
        apply = options.mode is ImportMode.APPLY
        rejected: list[RejectedRow] = []
        seen = _SeenInFile()
        report.warnings.extend(
            RowError(HEADER_ROW, None, header, UNKNOWN_COLUMN)
            for header in template.unknown_columns
        )
        written = 0
        committed = False
        try:
            all_rows = itertools.chain([first] if first else [], rows)
            for batch in _batched(all_rows, options.batch_rows):
                results = [(raw, validate_row(raw.number, raw.cells, ctx)) for raw in batch]
                staging.prefetch(*_wanted(results))
                for raw, result in results:
                    errors = seen.duplicate(result) or self._apply_row(bus.handle, province, result)
                    report.rows_total += 1
                    report.warnings.extend(result.warnings)
                    if errors:
                        report.errors.extend(errors)
                        rejected.append(
                            RejectedRow(
                                raw.number,
                                raw.cells,
                                [(e.column, e.message, str(e)) for e in errors],
                            )
                        )
                    else:
                        report.rows_valid += 1
                        seen.taken(result)
                progress(Progress(Phase.VALIDATING, report.rows_total, total))
                written += staging.flush()
                freeze_survivors()  # what the batch leaves alive lives until the end
                if apply and (options.valid_rows_only or not report.errors):
                    index.write_claims()
                    progress(Progress(Phase.WRITING, report.rows_valid, total))
            commit = apply and report.rows_valid > 0
            commit = commit and (options.valid_rows_only or not report.errors)
            if commit:
                session.commit()
                committed = True
                index.finish()
                report.applied = True
                report.rows_applied = report.rows_valid
            else:
                session.rollback()
                index.abort()
        except BaseException:
            if not committed:
                session.rollback()
                index.abort()
            raise
        finally:
            session.close()
        count_import_rows(report.rows_total, report.rows_valid, report.rows_applied)
        report.rows_blank = template.blank_rows
        report.records_created = staging.created if report.applied else 0
        report.records_changed = staging.changed if report.applied else 0
        if rejected:
            report.error_workbook = self._error_workbook(template, province, commune, rejected)
        progress(Progress(Phase.DONE, report.rows_total, report.rows_total))
        log.info(
            "import %s: %d rows (%d blank skipped), %d valid, %d warnings, %d records written, "
            "applied=%s",
            options.file_name, report.rows_total, report.rows_blank, report.rows_valid,
            len(report.warnings), written, report.applied,
        )  # fmt: skip
        return report

    def _apply_row(
        self, handle: Callable[[Command], object], province: str, result: RowResult
    ) -> list[RowError]:
        if not result.ok or result.command is None:
            return list(result.errors)
        command = result.command
        row_province = _province_of_command(command)
        if row_province != province:
            return [
                RowError(
                    result.row, "commune_code", "Mã xã",
                    f"xã thuộc tỉnh {row_province}, không thuộc tỉnh {province} của tệp",
                )
            ]  # fmt: skip
        try:
            handle(command)
        except DomainError as exc:
            return row_errors(result.row, exc)
        return []

    def _error_workbook(
        self,
        template: TemplateFile,
        province: str,
        commune: str | None,
        rejected: list[RejectedRow],
    ) -> bytes:
        province_unit = find_unit(province, CatalogVersion.V2025)
        commune_unit = find_unit(commune, CatalogVersion.V2025) if commune else None
        now = self._clock()
        title = TitleBlock(
            province_unit.name if province_unit else province,
            commune_unit.name if commune_unit else (commune or ""),
            commune or "",
            (now.year, now.month),
        )
        return write_error_file(title, rejected)


_frozen_lock = threading.Lock()
_frozen_runs = 0


@contextmanager
def _collector_off_long_lived_objects() -> Iterator[Callable[[], None]]:
    """Keep the cyclic garbage collector off objects that will live until the import ends.

    An import allocates millions of objects, so the collector runs often, and each full
    collection walks every object of the process: the catalogs, modules, ORM and protobuf
    metadata, and the import's own growing state (records written, index claims, the parsed
    sheet's row elements). That cost ≈ 20 % of a 10,000-row import and grew with the file
    (≈ 9 s of a 100,000-row one). ``gc.freeze()`` moves the objects alive now out of the
    collector's generations — nothing is freed or changed; whatever among them becomes cyclic
    garbage is collected after ``gc.unfreeze()``. It is called on entry and by the yielded
    function after each batch (after collecting the young generations, so the batch's
    short-lived garbage is not kept). Concurrent imports share the freeze, lifted when the
    last one ends."""
    global _frozen_runs
    with _frozen_lock:
        if _frozen_runs == 0:
            gc.freeze()
        _frozen_runs += 1

    def freeze_survivors() -> None:
        gc.collect(1)
        gc.freeze()

    try:
        yield freeze_survivors
    finally:
        with _frozen_lock:
            _frozen_runs -= 1
            if _frozen_runs == 0:
                gc.unfreeze()


class _SeenInFile:
    """People already taken from this file (by personal ID, else by name and birth date): a
    second row for the same person is refused as "trùng với dòng N", not as a clash with a
    record (whose id would not exist in a dry run)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, ...], tuple[int, RegisterBeneficiary]] = {}

    @staticmethod
    def _key(command: RegisterBeneficiary) -> tuple[tuple[str, ...], str]:
        person = command.person
        if person.personal_id:
            return ("id", person.personal_id), "personal_id"
        return ("name", search_key(person.full_name), person.birth_date.isoformat()), "full_name"

    def duplicate(self, result: RowResult) -> list[RowError]:
        command = result.command
        if not isinstance(command, RegisterBeneficiary):
            return []
        key, column = self._key(command)
        if key not in self._rows:
            return []
        first, earlier = self._rows[key]
        what = "cùng số định danh" if column == "personal_id" else "cùng họ tên và ngày sinh"
        message = (
            f"trùng với dòng {first} ({what}): người này đang hưởng diện "
            f"{earlier.category.code} tại tỉnh {earlier.person.residence.province_code} theo "
            f"dòng {first}"
        )
        return [RowError(result.row, column, COLUMN_BY_KEY[column].header, message)]

    def taken(self, result: RowResult) -> None:
        if isinstance(result.command, RegisterBeneficiary):
            key, _ = self._key(result.command)
            self._rows.setdefault(key, (result.row, result.command))


def _batched(rows: Iterable[RawRow], size: int) -> Iterator[list[RawRow]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _wanted(results: list[tuple[RawRow, RowResult]]) -> tuple[set[str], set[str]]:
    """Record ids and personal IDs the batch's commands will look up."""
    record_ids: set[str] = set()
    personal_ids: set[str] = set()
    for _, result in results:
        command = result.command
        if isinstance(command, RecordCommand):
            record_ids.add(command.record_id)
        if isinstance(command, RegisterBeneficiary) and command.person.personal_id:
            personal_ids.add(command.person.personal_id)
        update = getattr(command, "update", None)
        pid = getattr(update, "personal_id", None)
        if isinstance(pid, str):
            personal_ids.add(pid)
    return record_ids, personal_ids


def _province_of_command(command: Command) -> str:
    if isinstance(command, RecordCommand):
        return command.province_code
    if isinstance(command, RegisterBeneficiary):
        return command.person.residence.province_code
    raise TypeError(type(command).__name__)


def _province_of(commune_code: str | None) -> str:
    code = (commune_code or "").strip()
    code = code.zfill(5) if code.isdigit() else code
    unit = find_unit(code, CatalogVersion.V2025) if code else None
    if unit is None or unit.parent_code is None:
        raise InvalidInput(
            "Không xác định được xã của tệp: dòng 6 thiếu 'Mã xã' và dòng đầu tiên không có "
            "mã xã hợp lệ.",
            title="Tệp không đúng mẫu",
        )
    return unit.parent_code


def _cell_text(row: RawRow | None, key: str) -> str | None:
    value = row.cells.get(key) if row else None
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
