"""Two Excel forms in Vietnamese on A4 (ADR 0042), with the page setup, font and signatures of
the other forms: data quality over time (the summary a province sends the ministry at the end
of a cleaning campaign: each unit's score month after month, then the last month's ranking by
required field; landscape, one page wide) and the provincial-sync gap (portrait)."""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ansinh_common.catalogs.admin_units import COUNTRY_NAME, CatalogVersion, find_unit
from reporting.adapters.excel_forms import FONT
from reporting.adapters.excel_more_forms import Row, _heading, _percent, _sheet, _signed, _table
from reporting.domain.provincial_gap import GapCount, ProvincialSyncGap
from reporting.domain.quality_progress import QualityProgress
from reporting.domain.reports import QUALITY_FIELDS

FIELD_NAMES = {
    "personal_id": "Số định danh",
    "gender": "Giới tính",
    "ethnicity": "Dân tộc",
    "disability_type": "Dạng khuyết tật",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "account": "Tài khoản",
}
MONTHS_SHOWN = 6  # months as columns (the latest); older months are in the JSON


def quality_progress_form(found: QualityProgress, unit_name: str, printed_on: date) -> bytes:
    book, sheet = _sheet()
    sheet.page_setup.orientation = "landscape"
    widths = [6, 28] + [10] * 9
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    months = found.months[-MONTHS_SHOWN:]
    span = (
        f"từ tháng {months[0].month:%m/%Y} đến tháng {months[-1].month:%m/%Y}"
        if months
        else "chưa có số liệu chốt tháng"
    )
    level = "Cả nước" if found.scope.level.value == "country" else "Tỉnh"
    _title(
        sheet,
        len(widths),
        "BÁO CÁO TIẾN ĐỘ LÀM SẠCH DỮ LIỆU ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI",
        f"{level}: {unit_name} (mã {found.scope.code}) — {span}",
    )
    codes = [u.unit_code for u in months[-1].units] if months else []
    by_month = [{u.unit_code: u for u in m.units} for m in months]
    head: Row = ("Đơn vị", *(f"{m.month:%m/%Y}" for m in months), "Tăng/giảm")
    rows: list[Row] = []
    for code in codes:
        scores = [_one(by[code].score * 100) if code in by else "—" for by in by_month]
        seen = [by[code].score for by in by_month if code in by]
        rows.append(
            (
                _name(code),
                *scores,
                ("+" if seen[-1] >= seen[0] else "") + _one((seen[-1] - seen[0]) * 100),
            )
        )
    row = _table(
        sheet, 4, "I. Điểm đầy đủ dữ liệu theo tháng (%), xếp theo tháng gần nhất", head, rows
    )
    last = months[-1].units if months else ()
    fields_head: Row = ("Đơn vị", "Số hồ sơ", *(FIELD_NAMES[f] for f in QUALITY_FIELDS), "Điểm")
    ranking: list[Row] = [
        (
            _name(u.unit_code),
            u.records,
            *(_percent(u.share(f)) for f in QUALITY_FIELDS),
            _percent(u.score),
        )
        for u in last
    ]
    title = "II. Xếp hạng tháng gần nhất: tỷ lệ hồ sơ có đủ từng trường bắt buộc (%)"
    row = _table(sheet, row, title, fields_head, ranking)
    return _signed(book, sheet, row, printed_on)


def provincial_sync_gap_form(gap: ProvincialSyncGap, printed_on: date) -> bytes:
    book, sheet = _sheet()
    s = gap.scope
    name = COUNTRY_NAME if s.unit_code == "VN" else _name(s.unit_code).rsplit(" (", 1)[0]
    _heading(
        sheet,
        "BÁO CÁO CHÊNH LỆCH HỒ SƠ GIỮA HỆ THỐNG MỘT CỬA CẤP TỈNH VÀ HỆ THỐNG AN SINH",
        s.level,
        name,
        s.unit_code,
        s.month,
    )
    sheet.row_dimensions[1].height = 36  # the title wraps on two lines
    head: Row = ("Có ở tỉnh, chưa có ở hệ thống", "Có ở hệ thống, chưa gửi tỉnh")
    totals: list[Row] = [("Tổng cộng", gap.in_province_not_here, gap.here_not_in_province)]
    row = _table(
        sheet,
        4,
        "I. Theo tỉnh (đồng bộ hai chiều)",
        ("Tỉnh", *head),
        totals + [_count(c, _name(c.key)) for c in gap.by_province],
    )
    row = _table(
        sheet,
        row,
        "II. Theo thủ tục hành chính",
        ("Mã thủ tục", *head),
        [_count(c, c.key) for c in gap.by_procedure],
    )
    page = f"trang {s.page}, tối đa {s.page_size} hồ sơ"
    there: list[Row] = [
        (d.provincial_code, d.province_code, d.procedure_code, f"{d.submitted_on:%d/%m/%Y}")
        for d in gap.provincial_only
    ]
    row = _table(
        sheet,
        row,
        f"III. Hồ sơ có ở hệ thống một cửa của tỉnh, chưa có ở hệ thống ({page})",
        ("Mã hồ sơ của tỉnh", "Tỉnh", "Thủ tục", "Ngày tiếp nhận"),
        there,
    )
    here: list[Row] = [
        (d.dossier_code, d.province_code, d.procedure_code, f"{d.submitted_on:%d/%m/%Y}")
        for d in gap.platform_only
    ]
    row = _table(
        sheet,
        row,
        f"IV. Hồ sơ có ở hệ thống, chưa gửi sang tỉnh ({page})",
        ("Mã hồ sơ", "Tỉnh", "Thủ tục", "Ngày nộp"),
        here,
    )
    return _signed(book, sheet, row, printed_on)


def _one(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _count(c: GapCount, label: str) -> Row:
    return (label, c.in_province_not_here, c.here_not_in_province)


def _name(code: str) -> str:
    unit = find_unit(code, CatalogVersion.V2025)
    return f"{unit.name} ({code})" if unit is not None else code


def _title(sheet: Worksheet, columns: int, title: str, subtitle: str) -> None:
    for row, (text, size, bold) in enumerate(((title, 13, True), (subtitle, 11, False)), start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name=FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
