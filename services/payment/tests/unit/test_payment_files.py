"""Issue 13 "Channels" and "Results": the export file of a channel (CSV with BOM and Excel,
Vietnamese headers, totals per commune and channel, checksum line) and the results file read
row by row with errors naming row and column (Decree 20/2021/NĐ-CP Art. 34)."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from payment.adapters.export_files import to_csv, to_xlsx
from payment.adapters.results_file import UnreadableFileError, read_results
from payment.domain import export_sheet
from payment.domain.export_labels import EXPORT_HEADERS
from payment.domain.export_sheet import ExportRow, Total, build_export
from payment.domain.months import Month
from payment.domain.result_rows import ExpectedLine, RowError, check_row, parse_row
from payment.domain.results import Outcome

AUG = Month(2025, 8)
ROWS = (
    ExportRow("00004", "b-2", "b-2", "monthly", 750_000, "VBSP", None, "0123", "Trần Thị Bé"),
    ExportRow("00004", "b-1", "b-1", "regular", 1_000_000, "VBSP", None, "0456", "Lê Văn Ất"),
    ExportRow("00007", "b-9", "b-9", "carry_over", 540_000, "VBSP", None, "0789", "Đỗ Thị Cúc"),
    ExportRow("00004", "b-3", "b-3", "monthly", 500_000, "VNPOST", "BD-001"),
)


def test_the_legal_basis_is_written_beside_the_file_rules() -> None:
    assert export_sheet.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 34"


def test_a_channel_file_has_its_rows_only_sorted_with_totals_per_commune_and_in_all() -> None:
    sheet = build_export(AUG, "VBSP", ROWS)
    assert [r.line_id for r in sheet.rows] == ["b-1", "b-2", "b-9"]
    assert sheet.totals == (
        Total("00004", "VBSP", 2, 1_750_000),
        Total("00007", "VBSP", 1, 540_000),
        Total(None, "VBSP", 3, 2_290_000),
    )


def test_the_checksum_is_sha256_of_the_documented_canonical_records() -> None:
    sheet = build_export(AUG, "VBSP", ROWS)
    canonical = (
        "2025-08;VBSP;3;2290000\n"
        "00004;b-1;b-1;0456;1000000\n00004;b-2;b-2;0123;750000\n00007;b-9;b-9;0789;540000\n"
    )
    assert sheet.checksum == hashlib.sha256(canonical.encode()).hexdigest()
    altered = (
        ROWS[0],
        ROWS[1],
        ExportRow("00007", "b-9", "b-9", "carry_over", 540_001, "VBSP", None, "0789", "Đỗ Thị Cúc"),
    )
    assert build_export(AUG, "VBSP", altered).checksum != sheet.checksum


def test_the_csv_starts_with_a_bom_and_has_headers_rows_totals_and_checksum() -> None:
    sheet = build_export(AUG, "VBSP", ROWS)
    content = to_csv(sheet)
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0] == [
        "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG 08/2025 — Ngân hàng Chính sách xã hội"
    ]
    assert tuple(lines[1]) == EXPORT_HEADERS
    assert lines[2] == [
        "1",
        "00004",
        "b-1",
        "b-1",
        "Trợ cấp hằng tháng",
        "0456",
        "Lê Văn Ất",
        "",
        "1000000",
    ]
    assert lines[4][4] == "Chi trả lại tháng trước"
    assert lines[5][0] == "Cộng xã 00004" and lines[5][-1] == "1750000"
    assert lines[6][0] == "Cộng xã 00007" and lines[6][-1] == "540000"
    assert lines[7][0] == "Tổng cộng" and lines[7][3] == "3 dòng" and lines[7][-1] == "2290000"
    assert lines[8][:6] == [
        "Mã kiểm tra (SHA-256)",
        sheet.checksum,
        "Số dòng",
        "3",
        "Tổng số tiền",
        "2290000",
    ]
    assert len(lines) == 9


def test_the_excel_file_has_the_same_table_and_is_set_up_for_a4() -> None:
    sheet = build_export(AUG, "VNPOST", ROWS)
    book = load_workbook(io.BytesIO(to_xlsx(sheet)))
    ws = book.active
    values = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert tuple(values[0]) == EXPORT_HEADERS
    assert values[1][:4] == [1, "00004", "b-3", "b-3"] and values[1][7] == "BD-001"
    assert [values[-1][0], values[-1][3], values[-1][8]] == [
        "Mã kiểm tra (SHA-256)",
        sheet.checksum,
        "1 dòng",
    ]
    assert [values[-2][0], values[-2][3], values[-2][8]] == ["Tổng cộng", "1 dòng", 500_000]
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$3:$3"  # the header row repeats on every page


RESULT_HEADERS = [
    "STT",
    "Mã dòng",
    "Mã đối tượng",
    "Số tiền (đồng)",
    "Kết quả",
    "Mã lý do",
    "Ngày nhận tiền",
    "Điểm chi trả",
]


def results_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([["Kết quả chi trả tháng 08/2025"], RESULT_HEADERS, *rows])
    return ("\ufeff" + out.getvalue()).encode()


def test_a_results_csv_is_read_by_header_from_the_row_under_its_title() -> None:
    raw = read_results(
        results_csv(
            [
                ["1", "b-1", "b-1", "1.000.000", "Đã chi trả", "", "05/08/2025", "BD-001"],
                ["2", "b-2", "b-2", "750000", "bị trả lại", "R03", "", ""],
                ["", "", "", "", "", "", "", ""],
                ["3", "after-the-blank", "", "1", "paid", "", "", ""],
            ]
        ),
        "ket-qua.csv",
    )
    assert [n for n, _ in raw.rows] == [3, 4]
    paid, errors = parse_row(3, raw.rows[0][1], "00004", AUG, "VNPOST")
    assert errors == [] and paid is not None
    assert (paid.outcome, paid.amount, paid.collected_on, paid.point_code) == (
        Outcome.PAID,
        1_000_000,
        date(2025, 8, 5),
        "BD-001",
    )
    returned, _ = parse_row(4, raw.rows[1][1], "00004", AUG, "VNPOST")
    assert returned is not None and (returned.outcome, returned.reason_code) == (
        Outcome.RETURNED,
        "R03",
    )


def test_an_excel_results_file_is_read_with_its_dates_and_numbers() -> None:
    book = Workbook()
    ws = book.active
    ws.append(RESULT_HEADERS)
    ws.append([1, "b-1", "b-1", 1_000_000, "Không thành công", "F01", None, None])
    ws.append([2, "b-2", "b-2", 750_000, "Đã chi trả", None, date(2025, 8, 6), "BD-002"])
    out = io.BytesIO()
    book.save(out)
    raw = read_results(out.getvalue(), "ket-qua.xlsx")
    parsed = [parse_row(n, cells, "00004", AUG, "VNPOST")[0] for n, cells in raw.rows]
    assert [(r.outcome, r.collected_on) for r in parsed if r] == [
        (Outcome.FAILED, None),
        (Outcome.PAID, date(2025, 8, 6)),
    ]


def test_bad_cells_are_named_by_row_and_column() -> None:
    cells = {"line_id": "", "amount": "1,5 triệu", "outcome": "xong", "collected_on": "31/02/2025"}
    result, errors = parse_row(7, cells, "00004", AUG, "VNPOST")
    assert result is None
    assert errors == [
        RowError(7, "Mã dòng", "Thiếu mã dòng."),
        RowError(7, "Số tiền (đồng)", "Số tiền '1,5 triệu' không phải số đồng nguyên."),
        RowError(
            7,
            "Kết quả",
            "Kết quả 'xong' không hợp lệ (Đã chi trả, Không thành công hoặc Bị trả lại).",
        ),
        RowError(7, "Ngày nhận tiền", "Ngày '31/02/2025' không đúng dạng ngày/tháng/năm."),
    ]


def test_a_row_is_checked_against_its_line_reason_and_cash_facts() -> None:
    cells = {"line_id": "b-1", "amount": "999000", "outcome": "Đã chi trả"}
    result, _ = parse_row(5, cells, "00004", AUG, "VNPOST")
    assert result is not None
    line = ExpectedLine("b-1", "b-1", 1_000_000)
    assert check_row(5, result, "b-7", line, True, AUG) == [
        RowError(5, "Mã đối tượng", "Mã đối tượng khác với dòng b-1 của danh sách."),
        RowError(5, "Số tiền (đồng)", "Số tiền 999000 khác số trong danh sách (1000000)."),
        RowError(5, "Ngày nhận tiền", "Thiếu ngày nhận tiền."),
        RowError(5, "Điểm chi trả", "Thiếu điểm chi trả."),
    ]
    failed, _ = parse_row(
        6, {"line_id": "b-1", "amount": "1000000", "outcome": "failed"}, "00004", AUG, "VBSP"
    )
    assert failed is not None
    assert check_row(6, failed, "", line, False, AUG) == [
        RowError(6, "Mã lý do", "Thiếu mã lý do không chi được.")
    ]
    assert check_row(6, failed, "", None, False, AUG)[0].column == "Mã dòng"


def test_a_file_without_the_required_headers_is_refused_as_a_whole() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read_results("\ufeffMã dòng,Kết quả\nb-1,paid\n".encode(), "x.csv")
    assert caught.value.error == RowError(
        1, "Số tiền (đồng)", "Thiếu cột bắt buộc trong dòng tiêu đề."
    )
    with pytest.raises(UnreadableFileError):
        read_results(b"PK\x03\x04 not a zip", "x.xlsx")
