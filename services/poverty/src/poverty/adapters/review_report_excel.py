"""The review report of a commune or a province as an Excel workbook in Vietnamese, on A4.

One sheet: the title and unit, the figures (households, poor and near-poor households with
their rates, entries and exits), the deprivations by indicator, and for a province one row per
commune. Page setup: A4 portrait, fitted to one page wide, the title rows repeated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from poverty.domain.review_report import ReviewFigures
from poverty.domain.standards import standard_for_year
from poverty.service_layer.queries import ReviewReport

SHEET = "Báo cáo rà soát"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def figure_rows(f: ReviewFigures) -> list[tuple[str, int, str]]:
    """(label, households, rate) rows of the figures table."""
    return [
        ("Tổng số hộ", f.households, ""),
        ("Hộ nghèo", f.poor, f"{f.poor_rate}"),
        ("Hộ cận nghèo", f.near_poor, f"{f.near_poor_rate}"),
        ("Hộ nghèo phát sinh", f.entered_poverty, ""),
        ("Hộ cận nghèo phát sinh", f.entered_near_poverty, ""),
        ("Hộ thoát nghèo", f.left_poverty, ""),
        ("Hộ thoát cận nghèo", f.left_near_poverty, ""),
    ]


def indicator_label(year: int, code: str) -> str:
    try:
        return standard_for_year(year).indicator(code).name
    except (KeyError, LookupError):
        return code


class _Writer:
    def __init__(self) -> None:
        self.book = Workbook()
        sheet = self.book.active
        assert sheet is not None
        sheet.title = SHEET
        self.sheet = sheet
        self.row = 1

    def title(self, text: str, *, bold: bool = False) -> None:
        """A line across the table's six columns."""
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=6)
        cell = self.sheet.cell(self.row, 1, text)
        cell.font = Font(bold=bold, size=12 if bold else 11)
        cell.alignment = Alignment(horizontal="center" if bold else "left")
        self.row += 1

    def line(self, *values: object, bold: bool = False, box: bool = False) -> None:
        for n, value in enumerate(values, start=1):
            cell = self.sheet.cell(self.row, n, value)
            cell.font = Font(bold=bold)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if box:
                cell.border = _BOX
        self.row += 1


def write_report(report: ReviewReport, made_on: dt.date, names: Mapping[str, str]) -> bytes:
    w = _Writer()
    unit = report.commune_code or report.province_code
    scope = "XÃ" if report.commune_code else "TỈNH"
    w.title(f"BÁO CÁO KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {report.year}", bold=True)
    w.title(f"Đơn vị: {scope} {names.get(unit, unit)} (mã {unit})")
    w.title(f"Ngày lập: {made_on:%d/%m/%Y}")
    w.row += 1
    w.line("Chỉ tiêu", "Số hộ", "Tỷ lệ (%)", bold=True, box=True)
    for label, count, rate in figure_rows(report.figures):
        w.line(label, count, rate, box=True)
    w.row += 1
    w.title("THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN (hộ nghèo, hộ cận nghèo)", bold=True)
    w.line("Chỉ số", "Mã", "Số hộ thiếu hụt", bold=True, box=True)
    for code, count in report.figures.deprivations.items():
        w.line(indicator_label(report.year, code), code, count, box=True)
    if report.commune_code is None:
        w.row += 1
        w.title("THEO XÃ", bold=True)
        w.line("Xã", "Tổng số hộ", "Hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Hộ cận nghèo",
               "Tỷ lệ hộ cận nghèo (%)", bold=True, box=True)  # fmt: skip
        for commune, f in report.communes.items():
            w.line(f"{names.get(commune, commune)} ({commune})", f.households, f.poor,
                   f"{f.poor_rate}", f.near_poor, f"{f.near_poor_rate}", box=True)  # fmt: skip
    for n, width in enumerate((38, 14, 14, 14, 14, 16), start=1):
        w.sheet.column_dimensions[get_column_letter(n)].width = width
    setup = w.sheet.page_setup
    setup.paperSize = w.sheet.PAPERSIZE_A4
    setup.orientation = "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    w.sheet.sheet_properties.pageSetUpPr.fitToPage = True
    w.sheet.print_title_rows = "1:3"
    w.sheet.print_options.horizontalCentered = True
    out = io.BytesIO()
    w.book.save(out)
    return out.getvalue()
