"""Workbooks the registry hands out: the commune list (export) and the error file.

Both are the ministry template of ``ansinh_templates.beneficiary_excel`` (written in
openpyxl write-only mode, constant memory) plus:

* dropdown lists (data validation) on every catalog column, fed from a hidden sheet
  ``DanhMuc`` (lists longer than Excel's 255-character inline limit), the commune column
  limited to the file's commune;
* sheet protection: the title and header rows are locked, data cells (and the columns below
  the list, for new beneficiaries) are unlocked, so officers fill in data but cannot break
  the layout; rows may be inserted;
* for the error file (a corrected-in-place copy of the template): faulty cells highlighted
  with the message as a comment, and two last columns, "Dòng gốc" (the row's number in the
  uploaded file) and "Lỗi" (every error of the row, in Vietnamese).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ansinh_templates.beneficiary_excel import (
    COLUMN_BY_KEY,
    COLUMNS,
    FIRST_DATA_ROW,
    BeneficiaryWorkbookWriter,
    Catalog,
    Column,
    DataType,
    TitleBlock,
    catalog_values,
)
from ansinh_templates.xlsx import DEFAULT_TIMESTAMP

LISTS_SHEET = "DanhMuc"
ERROR_HEADER = "Lỗi"
INPUT_ROWS = 1000  # rows below the list that get the dropdowns (new beneficiaries)
ORIGINAL_ROW_HEADER = "Dòng gốc"
UNLOCKED = Protection(locked=False)


def _lists_sheet(writer: BeneficiaryWorkbookWriter, commune_code: str) -> dict[Catalog, str]:
    """Write every catalog list into a hidden sheet; returns catalog → range formula."""
    lists: dict[Catalog, tuple[str, ...]] = {
        c.catalog: ((commune_code,) if c.catalog is Catalog.COMMUNE else catalog_values(c.catalog))
        for c in COLUMNS
        if c.catalog is not None
    }
    order = list(lists)
    sheet = writer.worksheet.parent.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    longest = max(len(v) for v in lists.values())
    for i in range(longest):
        sheet.append([lists[cat][i] if i < len(lists[cat]) else None for cat in order])
    return {
        cat: f"{LISTS_SHEET}!${get_column_letter(n)}$1:${get_column_letter(n)}${len(lists[cat])}"
        for n, cat in enumerate(order, start=1)
    }


def _protect(writer: BeneficiaryWorkbookWriter, commune_code: str, last_row: int) -> None:
    """Dropdowns on the catalog columns of rows FIRST_DATA_ROW..last_row; protect the sheet."""
    ranges = _lists_sheet(writer, commune_code)
    ws = writer.worksheet
    for n, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(n)
        if col.catalog is not None:
            dv = DataValidation(
                type="list",
                formula1=ranges[col.catalog],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=f"Chọn '{col.header}' trong danh sách.",
                promptTitle=col.header,
                prompt="Chọn trong danh sách.",
            )
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{max(last_row, FIRST_DATA_ROW)}")
            ws.data_validations.append(dv)
        ws.column_dimensions[letter].protection = UNLOCKED  # cells below the written rows
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # officers may widen columns
    ws.protection.formatRows = False
    ws.protection.insertRows = False  # and insert rows for new beneficiaries
    ws.protection.deleteRows = False


def write_commune_file(
    title: TitleBlock,
    rows: Iterable[Mapping[str, Any]],
    *,
    input_rows: int = INPUT_ROWS,
    timestamp: datetime = DEFAULT_TIMESTAMP,
) -> tuple[bytes, int]:
    """The commune's list in the template, with dropdowns and protection: (xlsx, rows).

    The place-and-date line and the signatures follow the last row (the print area ends
    there); no empty bordered rows are written. New beneficiaries go into rows inserted above
    the signatures or typed below them: every cell of the ID, code and account columns is
    text-formatted (column format) and the dropdowns reach ``input_rows`` rows further.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xlsx"
        # data cells unlocked: the sheet itself is protected (see _protect)
        writer = BeneficiaryWorkbookWriter(
            path, title, timestamp=timestamp, data_protection=UNLOCKED
        )
        count = 0
        for row in rows:
            writer.write_row(row)
            count += 1
        _protect(writer, title.commune_code, FIRST_DATA_ROW + count + input_rows)
        writer.close()
        return path.read_bytes(), count


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row of the uploaded file that was refused: its cells by template column key, its
    original row number and its errors (template column key or ``None`` → message)."""

    number: int
    cells: Mapping[str, Any]
    errors: Sequence[tuple[str | None, str, str]]  # (key, message, "Dòng N, cột '…': message")


ORIGINAL_ROW = Column("original_row", ORIGINAL_ROW_HEADER, DataType.INTEGER, width=8)
ERRORS = Column("errors", ERROR_HEADER, DataType.TEXT, width=60)


def write_error_file(
    title: TitleBlock,
    rejected: Iterable[RejectedRow],
    *,
    timestamp: datetime = DEFAULT_TIMESTAMP,
) -> bytes:
    """The rejected rows as a corrected-in-place copy of the template.

    Same layout, dropdowns, text formats and DD/MM/YYYY dates as the exported file; each
    faulty cell highlighted with its message as a comment; two more columns: "Dòng gốc" (the
    row's number in the uploaded file, which the messages cite) and "Lỗi" (every message of
    the row). Re-importing the corrected file works: the reader ignores those two columns.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "errors.xlsx"
        writer = BeneficiaryWorkbookWriter(
            path,
            title,
            timestamp=timestamp,
            data_protection=UNLOCKED,
            extra_columns=(ORIGINAL_ROW, ERRORS),
        )
        count = 0
        for row in rejected:
            notes: dict[str, list[str]] = {}
            lines = []
            for key, message, line in row.errors:
                lines.append(line)  # cites the original row, kept in "Dòng gốc"
                if key is not None:
                    notes.setdefault(key, []).append(message)
            values = {k: v for k, v in row.cells.items() if k in COLUMN_BY_KEY}
            values["original_row"] = row.number
            values["errors"] = "\n".join(lines)
            writer.write_row(values, notes={k: "\n".join(v) for k, v in notes.items()})
            count += 1
        _protect(writer, title.commune_code, FIRST_DATA_ROW + count + INPUT_ROWS)
        writer.close(signatures=False)  # a working copy, not a list to sign
        return path.read_bytes()
