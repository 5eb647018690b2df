"""The beneficiaries report as an Excel form in Vietnamese that prints on one A4 page."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from ansinh_common.catalogs.admin_units import COUNTRY_NAME, find_unit
from ansinh_common.catalogs.assistance_categories import get_category
from ansinh_common.catalogs.disability import get_disability_level
from ansinh_common.catalogs.ethnicities import find_ethnicity
from reporting.domain.reports import BeneficiariesReport, UnitScope

FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LEVELS = {"country": "Cả nước", "province": "Tỉnh", "district": "Huyện", "commune": "Xã"}
_GENDERS = {"female": "Nữ", "male": "Nam"}
_CHANGES = {
    "new": "Tăng mới", "death": "Cắt do chết", "stop": "Thôi hưởng",
    "information": "Thay đổi thông tin", "coefficient": "Thay đổi hệ số",
    "move_out": "Chuyển đi", "move_in": "Chuyển đến", "move_cancelled": "Hủy chuyển",
}  # fmt: skip


def beneficiaries_form(report: BeneficiariesReport, unit_name: str, printed_on: date) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bao cao"
    _page(sheet)
    month = f"tháng {report.month.month:02d}/{report.month.year}"
    _line(sheet, 1, "BÁO CÁO ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG", 13)
    level = _LEVELS.get(report.scope.level.value, "")
    _line(sheet, 2, f"{level}: {unit_name} (mã {report.scope.code}) — {month}", 11, bold=False)
    row = 4
    row = _table(sheet, row, "I. Tổng số đối tượng", {"Tổng số": report.total}, str)
    row = _table(sheet, row, "II. Theo diện", report.by_category, _category)
    row = _table(sheet, row, "III. Theo giới tính", report.by_gender, _gender)
    row = _table(sheet, row, "IV. Theo nhóm tuổi", report.by_age_band, lambda k: f"{k} tuổi")
    row = _table(sheet, row, "V. Theo dân tộc", report.by_ethnicity, _ethnicity)
    row = _table(sheet, row, "VI. Theo mức độ khuyết tật", report.by_disability_level, _level)
    care = {"Số hộ nhận chăm sóc, nuôi dưỡng": report.care_support_households}
    row = _table(sheet, row, "VII. Hộ nhận chăm sóc", care, str)
    row = _table(sheet, row, "VIII. Biến động trong tháng", report.changes, _change)
    day = f"Ngày {printed_on.day:02d} tháng {printed_on.month:02d} năm {printed_on.year}"
    sheet.cell(row + 1, 3, day).font = Font(name=FONT, size=11, italic=True)
    for col, text in ((1, "NGƯỜI LẬP BIỂU"), (3, "THỦ TRƯỞNG ĐƠN VỊ")):
        cell = sheet.cell(row + 2, col, text)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def unit_name(scope: UnitScope) -> str:
    """The unit's Vietnamese name in the catalog of the reported month."""
    if scope.level.value == "country":
        return COUNTRY_NAME
    version = "2025" if scope.catalog_2025 else "pre2025"
    found = find_unit(scope.code, version)
    return found.name if found is not None else scope.code


def today_in_vietnam() -> date:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def _page(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.print_options.horizontalCentered = True
    for col, width in (("A", 8), ("B", 52), ("C", 22)):
        sheet.column_dimensions[col].width = width


def _line(sheet: Worksheet, row: int, text: str, size: int, bold: bool = True) -> None:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    cell = sheet.cell(row, 1, text)
    cell.font = Font(name=FONT, size=size, bold=bold)
    cell.alignment = Alignment(horizontal="center", wrap_text=True)


def _table(
    sheet: Worksheet, row: int, title: str, values: dict[str, int], label: Callable[[str], str]
) -> int:
    sheet.cell(row, 1, title).font = Font(name=FONT, size=11, bold=True)
    row += 1
    for col, text in enumerate(("STT", "Nội dung", "Số lượng"), start=1):
        cell = sheet.cell(row, col, text)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center")
    items = sorted(values.items()) or [("", 0)]
    for n, (key, count) in enumerate(items, start=1):
        row += 1
        cells = (n, label(key) if key else "Chưa có thông tin", count)
        for col, value in enumerate(cells, start=1):
            cell = sheet.cell(row, col, value)
            cell.font = Font(name=FONT, size=11)
            cell.border = _BOX
    return row + 2


def _category(code: str) -> str:
    try:
        return f"{code} — {get_category(code).name}"
    except KeyError:
        return code


def _gender(key: str) -> str:
    return _GENDERS.get(key, key)


def _ethnicity(code: str) -> str:
    found = find_ethnicity(code)
    return found.name if found is not None else "Chưa có thông tin"


def _level(code: str) -> str:
    try:
        return get_disability_level(code).name
    except KeyError:
        return code


def _change(kind: str) -> str:
    return _CHANGES.get(kind, kind)
