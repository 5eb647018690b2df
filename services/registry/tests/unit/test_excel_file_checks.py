"""Issue 11: what is checked on a whole file (no database): rows read, columns, error answers,
and the template the registry hands out. Every file is built in the test."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from ansinh_common.errors import InvalidInput
from ansinh_templates.beneficiary_excel import (
    COLUMN_BY_KEY,
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    DataType,
    TitleBlock,
    write_workbook,
)
from registry.excel.reader import FileTooLarge, TemplateError, TemplateFile
from registry.excel.workbook import write_commune_file

TITLE = TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10))


def _rows(n: int) -> list[dict[str, Any]]:
    return [
        {"full_name": f"Người {i}", "birth_date": date(1940, 1, i), "category": "5.5c",
         "commune_code": "00004", "personal_id": f"0010400{i:05d}"}
        for i in range(1, n + 1)
    ]  # fmt: skip


def _file(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "xa.xlsx"
    write_workbook(path, TITLE, rows)
    return path


def _read(content: bytes) -> tuple[TemplateFile, list[Any]]:
    template = TemplateFile(content)
    try:
        return template, list(template.rows())
    finally:
        template.close()


# -- 1. blank rows -------------------------------------------------------------------------------


def test_blank_rows_in_the_middle_are_skipped_and_counted_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    path = _file(tmp_path, _rows(12))
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for number in (FIRST_DATA_ROW + 3, FIRST_DATA_ROW + 7, FIRST_DATA_ROW + 8):
        for cell in sheet[number]:
            cell.value = None  # three blank rows in the middle of the list
    out = io.BytesIO()
    book.save(out)

    template, rows = _read(out.getvalue())

    assert [r.cells["full_name"] for r in rows] == [
        f"Người {i}" for i in (1, 2, 3, 5, 6, 7, 10, 11, 12)
    ]
    assert rows[-1].number == FIRST_DATA_ROW + 11  # read to the last used row
    assert template.blank_rows == 3 and template.rows_read == 9


def test_a_row_without_stt_is_still_a_row(tmp_path: Path) -> None:
    path = _file(tmp_path, _rows(3))
    book = load_workbook(path)
    book.worksheets[0].cell(FIRST_DATA_ROW + 1, 1).value = None  # STT left empty
    out = io.BytesIO()
    book.save(out)
    _, rows = _read(out.getvalue())
    assert [r.cells["full_name"] for r in rows] == ["Người 1", "Người 2", "Người 3"]


# -- 8. unknown columns --------------------------------------------------------------------------


def test_unknown_columns_are_reported(tmp_path: Path) -> None:
    path = _file(tmp_path, _rows(2))
    book = load_workbook(path)
    sheet = book.worksheets[0]
    extra = len(COLUMNS) + 1
    sheet.cell(HEADER_ROW, extra).value = "Số điện thoại"
    sheet.cell(FIRST_DATA_ROW, extra).value = "0912345678"
    out = io.BytesIO()
    book.save(out)
    template, rows = _read(out.getvalue())
    assert template.unknown_columns == ("Số điện thoại",)
    assert "0912345678" not in rows[0].cells.values()


# -- 12. error answers that state the limit or the fix -------------------------------------------


def test_a_file_over_the_limit_states_the_limit(tmp_path: Path) -> None:
    content = _file(tmp_path, _rows(2)).read_bytes()
    with pytest.raises(FileTooLarge) as raised:
        TemplateFile(content, max_bytes=len(content) - 1)
    error = raised.value
    assert isinstance(error, InvalidInput) and error.code == "invalid_input"
    assert error.limit == len(content) - 1 and "vượt giới hạn" in error.detail
    assert error.errors[0].code == "file_too_large"
    with pytest.raises(FileTooLarge, match=r"vượt giới hạn 2 MB"):
        TemplateFile(b"PK\x03\x04" + b"0" * (3 * 1024 * 1024), max_bytes=2 * 1024 * 1024)


def test_an_old_xls_file_is_told_to_be_saved_as_xlsx() -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096  # the header of every .xls
    with pytest.raises(TemplateError) as raised:
        TemplateFile(ole2)
    assert raised.value.code == "invalid_input"
    assert "(.xls)" in raised.value.detail and "Excel Workbook (*.xlsx)" in raised.value.detail
    assert raised.value.errors[0].code == "xls_format"


@pytest.mark.parametrize("shift", [1, -1])
def test_a_header_shifted_by_one_row_is_told_so(tmp_path: Path, shift: int) -> None:
    path = _file(tmp_path, _rows(2))
    book = load_workbook(path)
    sheet = book.worksheets[0]
    if shift > 0:
        sheet.insert_rows(3)  # one row too many above the header
    else:
        sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(TemplateError) as raised:
        TemplateFile(out.getvalue())
    at = HEADER_ROW + shift
    assert raised.value.title == "Dòng tiêu đề bị lệch"
    assert f"đang ở dòng {at}" in raised.value.detail and "thiếu cột" not in raised.value.detail
    assert [e.code for e in raised.value.errors] == ["header_shifted"]


def test_a_file_that_is_not_a_workbook_is_refused_clearly() -> None:
    with pytest.raises(TemplateError, match="không phải là tệp Excel"):
        TemplateFile(b"STT;Ho va ten\n1;An\n")
    book = Workbook()
    book.active.append(["không", "phải", "mẫu"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(TemplateError, match="thiếu cột"):
        TemplateFile(out.getvalue())


# -- 9. the template keeps leading zeros ---------------------------------------------------------

TEXT_KEYS = [c.key for c in COLUMNS if c.data_type is DataType.TEXT]


def test_every_id_account_and_code_cell_is_text_on_every_input_row() -> None:
    rows = _rows(3)
    rows[1]["personal_id"] = None  # an empty ID cell on a written row
    content, count = write_commune_file(TITLE, rows)
    assert {"personal_id", "account_number", "beneficiary_code", "commune_code"} <= set(TEXT_KEYS)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    letters = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    for key in TEXT_KEYS:
        letter = letters[key]
        for number in range(FIRST_DATA_ROW, FIRST_DATA_ROW + count):
            cell = sheet[f"{letter}{number}"]
            assert cell.number_format == "@", (key, number, cell.number_format)
        # rows typed or inserted below the list take the column's format
        assert sheet.column_dimensions[letter].number_format == "@", key
    # dates are dates on every input row, too
    birth = letters["birth_date"]
    assert sheet.column_dimensions[birth].number_format == "DD/MM/YYYY"
    assert sheet[f"{birth}{FIRST_DATA_ROW}"].number_format == "DD/MM/YYYY"


def test_the_template_has_no_empty_bordered_rows_and_prints_to_the_signatures() -> None:
    content, count = write_commune_file(TITLE, _rows(4))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    last = FIRST_DATA_ROW + count - 1
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=last + 1)]
    assert [v for v in values[0] if v] == ["Phường Ba Đình, ngày ..... tháng ..... năm 2025"]
    assert [v for v in values[1] if v] == ["NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN"]
    assert [v for v in values[2] if v] == ["CHỦ TỊCH"]
    assert len(values) == 3
    end = get_column_letter(len(COLUMNS))  # the template's last column
    assert sheet.print_area == f"'DanhSach'!$A$1:${end}${last + 3}"
    assert sheet.print_title_rows == "$8:$9" and sheet.print_title_cols == "$A:$A"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.scale) == ("landscape", 9, 80)
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage  # one page wide printed at 4 pt
    # the record code (a UUID, 36 characters) fits its column
    assert sheet.column_dimensions["B"].width >= 36 == COLUMN_BY_KEY["beneficiary_code"].width - 2


def test_the_reader_reads_past_the_signatures_for_rows_typed_below(tmp_path: Path) -> None:
    content, count = write_commune_file(TITLE, _rows(2))
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    below = FIRST_DATA_ROW + count + 3 + 2  # two rows below the signature block
    sheet.cell(below, 3).value = "Người mới"
    out = io.BytesIO()
    book.save(out)
    _, rows = _read(out.getvalue())
    assert [r.cells["full_name"] for r in rows] == ["Người 1", "Người 2", "Người mới"]
    assert rows[-1].number == below
