"""The payment file of one channel as CSV (UTF-8 with BOM) and as Excel printable on A4.

Both carry the same rows, totals per commune and channel, and the checksum line of
``domain.export_sheet`` (ADR 0020). The Excel sheet is set up for A4 landscape, fitted to the
page width, with the header row repeated on every page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from payment.domain import export_labels as labels
from payment.domain.export_sheet import ExportSheet, Total

BOM = "\ufeff"
_WIDTHS = (5, 7, 14, 32, 17, 16, 20, 11, 13)
_FONT = "Times New Roman"
_AMOUNT_FORMAT = "#,##0"


def _table(sheet: ExportSheet) -> Iterator[list[object]]:
    """Header, data rows, a total row per commune, the grand total, the checksum row."""
    yield list(labels.EXPORT_HEADERS)
    for n, r in enumerate(sheet.rows, start=1):
        yield [
            n,
            r.commune_code,
            r.line_id,
            r.beneficiary_id,
            labels.kind_label(r.kind),
            r.account_number or "",
            r.account_holder or "",
            r.point_code or "",
            r.amount,
        ]
    for total in sheet.totals:
        yield _total_row(total)
    yield [
        labels.CHECKSUM_LABEL,
        sheet.checksum,
        "Số dòng",
        len(sheet.rows),
        "Tổng số tiền",
        sheet.grand_total.amount,
        "",
        "",
        "",
    ]


def _total_row(total: Total) -> list[object]:
    label = (
        labels.commune_total_label(total.commune_code)
        if total.commune_code is not None
        else labels.GRAND_TOTAL_LABEL
    )
    return [
        label,
        total.commune_code or "",
        total.channel_code,
        f"{total.count} dòng",
        "",
        "",
        "",
        "",
        total.amount,
    ]


def to_csv(sheet: ExportSheet) -> bytes:
    """Comma-separated, UTF-8 with a BOM (so Excel shows the Vietnamese letters right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([labels.title(sheet.month, sheet.channel_code)])
    writer.writerows(_table(sheet))
    return (BOM + out.getvalue()).encode("utf-8")


def to_xlsx(sheet: ExportSheet) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = f"{sheet.channel_code} {sheet.month}"
    ws.cell(1, 1, labels.title(sheet.month, sheet.channel_code)).font = Font(
        name=_FONT, size=12, bold=True
    )
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(_WIDTHS))
    header_row = 3
    table = list(_table(sheet))
    row = header_row
    for i, values in enumerate(table[: len(sheet.rows) + 1]):
        for col, value in enumerate(values, start=1):
            _cell(ws, row, col, value, header=i == 0)
        row += 1
    for total in sheet.totals:  # label over A:C, the count in D, the amount in I
        label = _total_row(total)[0]
        _summary(ws, row, [(1, 3, label), (4, 8, f"{total.count} dòng"), (9, 9, total.amount)])
        row += 1
    _summary(
        ws,
        row,
        [(1, 3, labels.CHECKSUM_LABEL), (4, 8, sheet.checksum), (9, 9, f"{len(sheet.rows)} dòng")],
    )
    for col, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _cell(
    ws: Worksheet, row: int, col: int, value: object, *, header: bool = False, bold: bool = False
) -> None:
    cell = ws.cell(row, col, value)
    cell.font = Font(name=_FONT, size=10, bold=header or bold)
    cell.border = _BORDER
    cell.alignment = Alignment(
        wrap_text=isinstance(value, str), vertical="center", horizontal="center" if header else None
    )
    if isinstance(value, int) and not header and col == len(_WIDTHS):
        cell.number_format = _AMOUNT_FORMAT


def _summary(ws: Worksheet, row: int, spans: list[tuple[int, int, object]]) -> None:
    """A bold row of merged spans (first column, last column, value)."""
    for first, last, value in spans:
        for col in range(first, last + 1):
            _cell(ws, row, col, value if col == first else None, bold=True)
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
