"""Workbooks the registry hands out: the commune list (export) and the error file.

Both are the ministry template of ``ansinh_templates.beneficiary_excel`` (written in
openpyxl write-only mode, constant memory) plus:

* dropdown lists (data validation) on every catalog column, fed from a hidden sheet
  ``DanhMuc`` (lists longer than Excel's 255-character inline limit), the commune column
  limited to the file's commune;
* sheet protection: the title and header rows are locked, data cells (and blank rows left for
  new beneficiaries) are unlocked, so officers fill in data but cannot break the layout;
* for the error file, a last column "Lỗi" with every error of the row, in Vietnamese.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ansinh_templates.beneficiary_excel import (
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    MOTTO,
    NUMBER_ROW,
    SHEET_TITLE,
    TITLE,
    BeneficiaryWorkbookWriter,
    Catalog,
    TitleBlock,
    catalog_values,
)
from ansinh_templates.xlsx import DEFAULT_TIMESTAMP, make_deterministic

LISTS_SHEET = "DanhMuc"
ERROR_HEADER = "Lỗi"
BLANK_ROWS = 100  # unlocked rows left for new beneficiaries
UNLOCKED = Protection(locked=False)
_RED = Font(name="Times New Roman", size=11, color="C00000")
_WRAP = Alignment(wrap_text=True, vertical="center")


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


def write_commune_file(
    title: TitleBlock,
    rows: Iterable[Mapping[str, Any]],
    *,
    blank_rows: int = BLANK_ROWS,
    timestamp: datetime = DEFAULT_TIMESTAMP,
) -> tuple[bytes, int]:
    """The commune's list in the template, with dropdowns and protection: (xlsx, rows)."""
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
        for _ in range(blank_rows):
            writer.write_row({"stt": None})
        _protect(writer, title.commune_code, FIRST_DATA_ROW + count + blank_rows - 1)
        writer.close()
        return path.read_bytes(), count


def write_error_file(
    title: TitleBlock,
    header: Sequence[Any],
    rejected: Iterable[tuple[Sequence[Any], Sequence[str]]],
    *,
    timestamp: datetime = DEFAULT_TIMESTAMP,
) -> bytes:
    """The rejected rows as read (same columns as the uploaded file) plus "Lỗi".

    ``header``: the uploaded file's header row; ``rejected``: (row values, error messages).
    Written with openpyxl's write-only workbook in the template's layout; re-importing the
    corrected file works because the reader finds columns by header (and ignores "Lỗi").
    """
    width = max(len(header), len(COLUMNS))
    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = timestamp
    ws = wb.create_sheet(SHEET_TITLE)
    bold = Font(name="Times New Roman", bold=True, size=11)
    ws.append([WriteOnlyCell(ws, f"UBND {title.province_name.upper()}")])
    ws.append([WriteOnlyCell(ws, f"UBND {title.commune_name.upper()}")])
    ws.append([WriteOnlyCell(ws, MOTTO[0])])
    ws.append([_styled(ws, f"{TITLE} — CÁC DÒNG BỊ TỪ CHỐI", bold)])
    ws.append([WriteOnlyCell(ws, "Sửa các ô theo cột 'Lỗi' rồi nhập lại tệp.")])
    ws.append([WriteOnlyCell(ws, title.tag)])
    ws.append([])
    names = list(header) + [None] * (width - len(header))
    ws.append([_styled(ws, h, bold) for h in names] + [_styled(ws, ERROR_HEADER, bold)])
    ws.append([f"({i})" for i in range(1, width + 2)])
    assert HEADER_ROW == 8 and NUMBER_ROW == 9 and FIRST_DATA_ROW == 10
    for values, messages in rejected:
        cells = list(values) + [None] * (width - len(values))
        error = WriteOnlyCell(ws, "\n".join(messages))
        error.font, error.alignment = _RED, _WRAP
        ws.append([*cells[:width], error])
    ws.column_dimensions[get_column_letter(width + 1)].width = 60
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "errors.xlsx"
        wb.save(path)
        make_deterministic(path, timestamp)
        return path.read_bytes()


def _styled(ws: Any, value: Any, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    cell.font = font
    return cell
