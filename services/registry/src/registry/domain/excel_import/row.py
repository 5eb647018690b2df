"""One row of the commune Excel file → a command, or errors by row and column.

Which command (column "Loại biến động", ``change_type``):

* empty, no "Mã đối tượng": a beneficiary already paid, loaded for the first time
  (``RegisterBeneficiary(imported=True)``; a missing decision is then a data-quality finding);
* empty, with "Mã đối tượng": the row re-imported after the commune filled in data
  (``ChangeInformation``; only the fields that differ are recorded);
* Tăng mới / Cắt chết / Thôi hưởng / Thay đổi thông tin / Thay đổi hệ số hưởng: that change,
  with its decision (Decree 20/2021/NĐ-CP Art. 8) and "Ngày hiệu lực";
* Chuyển đi / Chuyển đến: refused here — a move goes through the move procedure.

The columns, their headers and which are required are ``ansinh_templates.
beneficiary_excel.COLUMNS``; one exception, on purpose: the decision number and date are
required only on rows that record a benefit change (see ``rules.decision_required``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ansinh_common.auth.principal import Principal
from registry.domain.commands import Command
from registry.domain.excel_import.build import build_command
from registry.domain.excel_import.reader import RowReader


@dataclass(frozen=True, slots=True)
class RowContext:
    """What a row is read with: who imports, today's date, the default signing unit."""

    principal: Principal
    today: date
    signing_unit_code: str | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    """``str()`` gives the message shown to the user: "Dòng 12, cột 'Ngày sinh': …"."""

    row: int
    column: str | None  # template column key; None for the whole row
    header: str | None
    message: str

    def __str__(self) -> str:
        if self.header is None:
            return f"Dòng {self.row}: {self.message}"
        return f"Dòng {self.row}, cột '{self.header}': {self.message}"


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    command: Command | None
    errors: tuple[RowError, ...]
    warnings: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return self.command is not None and not self.errors


def validate_row(row_number: int, row: Mapping[str, object], ctx: RowContext) -> RowResult:
    """Validate one template row (``row_number`` is the Excel row, e.g. 12)."""
    reader = RowReader(row)
    command = build_command(reader, ctx.principal, ctx.today, ctx.signing_unit_code)
    errors = tuple(RowError(row_number, e.column, e.header, e.message) for e in reader.errors)
    warnings = tuple(RowError(row_number, w.column, w.header, w.message) for w in reader.warnings)
    return RowResult(row_number, None if errors else command, errors, warnings)
