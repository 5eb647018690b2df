"""The poverty, procedures and budget reports as Excel forms in Vietnamese that print on one A4
page (the same page setup, font and signatures as the beneficiaries form)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from functools import cache

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from ansinh_common.catalogs.payment_channels import payment_channels
from ansinh_common.catalogs.poverty_standards import poverty_standards
from reporting.adapters.excel_forms import FONT
from reporting.domain.budget import BudgetLine, BudgetReport
from reporting.domain.poverty import PovertyReport
from reporting.domain.procedures import ProceduresReport

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LEVELS = {"country": "Cả nước", "province": "Tỉnh", "district": "Huyện", "commune": "Xã"}
_MOVES = {
    "entered_poverty": "Hộ nghèo phát sinh", "entered_near_poverty": "Hộ cận nghèo phát sinh",
    "left_poverty": "Hộ thoát nghèo", "left_near_poverty": "Hộ thoát cận nghèo",
}  # fmt: skip
_CHANNELS = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính"}
_STATES = {
    "submitted": "Chờ tiếp nhận", "in_review": "Xem xét tại xã",
    "awaiting_documents": "Chờ bổ sung giấy tờ", "posted": "Niêm yết công khai",
    "objections": "Giải quyết khiếu nại", "in_appraisal": "Thẩm định",
    "appraised": "Chờ phê duyệt", "approved": "Chờ ký quyết định", "decided": "Đã ký quyết định",
    "rejected": "Không đủ điều kiện",
}  # fmt: skip
_WIDTHS = (("A", 6), ("B", 30), ("C", 12), ("D", 12), ("E", 12), ("F", 12))
Row = Sequence[str | int | float]


def poverty_form(report: PovertyReport, unit_name: str, printed_on: date) -> bytes:
    book, sheet = _sheet()
    _heading(sheet, "BÁO CÁO KẾT QUẢ HỘ NGHÈO, HỘ CẬN NGHÈO", report.scope.level.value,
             unit_name, report.scope.code, report.month)  # fmt: skip
    row = _table(sheet, 4, "I. Số hộ và tỷ lệ", ("Nội dung", "Số hộ", "Tỷ lệ (%)"), [
        ("Số hộ đã rà soát", report.households, ""),
        ("Hộ nghèo", report.poor, _percent(report.poor_rate)),
        ("Hộ cận nghèo", report.near_poor, _percent(report.near_poor_rate)),
    ])  # fmt: skip
    moves = [(label, report.moves.get(key, 0)) for key, label in _MOVES.items()]
    row = _table(sheet, row, "II. Biến động trong tháng", ("Nội dung", "Số hộ"), moves)
    names = _indicator_names()
    depr = [(names.get(k, k), n) for k, n in sorted(report.deprivations.items())]
    header = ("Chỉ số thiếu hụt", "Số hộ")
    row = _table(sheet, row, "III. Hộ nghèo, cận nghèo thiếu hụt theo chỉ số", header, depr)
    return _signed(book, sheet, row, printed_on)


def procedures_form(report: ProceduresReport, unit_name: str, printed_on: date) -> bytes:
    book, sheet = _sheet()
    _heading(sheet, "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", report.scope.level.value,
             unit_name, report.scope.code, report.month)  # fmt: skip
    head = ("Thủ tục / kênh / đơn vị", "Tiếp nhận", "Đúng hạn", "Trễ hạn", "Đang giải quyết")
    totals: list[Row] = [("Tổng cộng", report.total("received"), report.total("resolved_on_time"),
                          report.total("resolved_late"), report.total("pending"))]  # fmt: skip
    lines: list[Row] = [
        (f"{x.procedure_code} — {_CHANNELS.get(x.channel, str(x.channel))} — {x.unit_code or '—'}",
         x.received, x.resolved_on_time, x.resolved_late, x.pending)
        for x in report.lines
    ]  # fmt: skip
    row = _table(sheet, 4, "I. Hồ sơ theo thủ tục, kênh tiếp nhận và đơn vị", head, totals + lines)
    steps: list[Row] = [
        (_STATES.get(s.state, s.state), s.count, f"{s.average_days:.1f}", f"{s.p90_days:.1f}")
        for s in report.steps
    ]
    step_head = ("Bước xử lý", "Số hồ sơ", "Trung bình (ngày)", "P90 (ngày)")
    row = _table(sheet, row, "II. Thời gian xử lý từng bước", step_head, steps)
    return _signed(book, sheet, row, printed_on)


def budget_form(report: BudgetReport, unit_name: str, printed_on: date) -> bytes:
    book, sheet = _sheet()
    _heading(sheet, "BÁO CÁO KINH PHÍ CHI TRẢ TRỢ CẤP XÃ HỘI", report.scope.level.value,
             unit_name, report.scope.code, report.month)  # fmt: skip
    summary: list[Row] = [
        ("Số danh sách chi trả (đã khóa sổ)", f"{report.lists} ({report.closed})"),
        ("Số phải trả", report.owed_vnd), ("Trong đó truy lĩnh", report.arrears_owed_vnd),
        ("Số đã phê duyệt", report.approved_vnd), ("Số đã chi trả", report.paid_vnd),
        ("Trong đó truy lĩnh đã chi trả", report.arrears_paid_vnd),
        ("Số chưa chi trả được", report.unpaid_vnd),
        ("Tỷ lệ chi trả qua tài khoản (%)", _percent(report.account_share)),
    ]  # fmt: skip
    row = _table(sheet, 4, "I. Tổng hợp (đồng)", ("Nội dung", "Số liệu"), summary)
    head = ("Diện — kênh chi trả", "Phải trả", "Đã duyệt", "Đã chi trả", "Chưa trả được")
    for title, arrears in (("II. Trong tháng, theo diện và kênh", False),
                           ("III. Truy lĩnh, theo diện và kênh", True)):  # fmt: skip
        lines = [_budget_row(x) for x in report.lines if x.arrears is arrears]
        row = _table(sheet, row, title, head, lines)
    return _signed(book, sheet, row, printed_on)


def _budget_row(x: BudgetLine) -> Row:
    group = (
        x.group_code if x.group_code in ("", "funeral", "adjustment") else f"Diện {x.group_code}"
    )
    group = {"funeral": "Hỗ trợ mai táng", "adjustment": "Điều chỉnh", "": "Chưa rõ diện"}.get(
        group, group
    )
    return (f"{group} — {_channel_names().get(x.channel, x.channel)}", x.owed_vnd,
            x.approved_vnd, x.paid_vnd, x.unpaid_vnd)  # fmt: skip


@cache
def _channel_names() -> dict[str, str]:
    return {c.code: c.name for c in payment_channels()}


def _sheet() -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bao cao"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.print_options.horizontalCentered = True
    for col, width in _WIDTHS:
        sheet.column_dimensions[col].width = width
    return book, sheet


def _heading(sheet: Worksheet, title: str, level: str, name: str, code: str, month: date) -> None:
    texts = ((title, 13, True), (f"{_LEVELS.get(level, '')}: {name} (mã {code}) — "
                                 f"tháng {month.month:02d}/{month.year}", 11, False))  # fmt: skip
    for row, (text, size, bold) in enumerate(texts, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name=FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)


def _table(sheet: Worksheet, row: int, title: str, header: Row, rows: Sequence[Row]) -> int:
    sheet.cell(row, 1, title).font = Font(name=FONT, size=11, bold=True)
    body: list[Row] = [(n, *r) for n, r in enumerate(rows, start=1)]
    if not body:
        body = [("", "Không có số liệu", *([""] * (len(header) - 1)))]
    for offset, values in enumerate([("STT", *header), *body], start=1):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row + offset, col, value)
            cell.font = Font(name=FONT, size=10, bold=offset == 1)
            cell.border = _BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    return row + len(body) + 3


def _signed(book: Workbook, sheet: Worksheet, row: int, printed_on: date) -> bytes:
    day = f"Ngày {printed_on.day:02d} tháng {printed_on.month:02d} năm {printed_on.year}"
    sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=6)
    sheet.cell(row, 4, day).font = Font(name=FONT, size=11, italic=True)
    for col, text in ((2, "NGƯỜI LẬP BIỂU"), (4, "THỦ TRƯỞNG ĐƠN VỊ")):
        sheet.merge_cells(start_row=row + 1, start_column=col, end_row=row + 1, end_column=col + 1)
        cell = sheet.cell(row + 1, col, text)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _percent(rate: float) -> str:
    return f"{rate * 100:.2f}".replace(".", ",")


@cache
def _indicator_names() -> dict[str, str]:
    return {i.code: i.name for s in poverty_standards() for i in s.indicators}
