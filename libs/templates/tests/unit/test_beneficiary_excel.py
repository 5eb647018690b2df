from __future__ import annotations

import re
import unicodedata
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter

from ansinh_templates import beneficiary_excel as tpl
from ansinh_templates.xlsx import make_deterministic

TITLE = tpl.TitleBlock("Tỉnh Lào Cai", "Xã Bát Xát", "04744", (2025, 10))


def _row(i: int) -> dict[str, Any]:
    return {
        "beneficiary_code": f"B{i}",
        "full_name": "Nguyễn Thị Hương",
        "birth_date": date(1941, 2, 3),
        "gender": "Nữ",
        "personal_id": "010141000123",  # leading zero must survive
        "ethnicity": "Tày",
        "address": "Thôn 3",
        "commune_name": "Xã Bát Xát",
        "commune_code": "04744",
        "category": "5.5c",
        "coefficient": Decimal("1.5"),
        "monthly_amount": 750_000,
        "decision_number": f"{i}/QĐ-UBND",
        "decision_date": date(2024, 7, 15),
        "decision_authority": "UBND huyện Bát Xát",
        "start_month": (2024, 7),
        "payment_method": "Tài khoản ngân hàng",
        "account_number": "0011001234567",
        "account_provider": "Ngân hàng Chính sách xã hội",
        "change_type": "Tăng mới",
        "effective_date": date(2024, 7, 1),
    }


def test_column_spec_is_well_formed() -> None:
    keys = [c.key for c in tpl.COLUMNS]
    headers = [c.header for c in tpl.COLUMNS]
    assert len(set(keys)) == len(keys) and len(set(headers)) == len(headers)
    assert keys[0] == "stt" and headers[0] == "STT"
    for h in headers:
        assert unicodedata.is_normalized("NFC", h)
    by_key = tpl.COLUMN_BY_KEY
    assert by_key["full_name"].header == "Họ và tên"
    assert by_key["personal_id"].header == "Số định danh cá nhân"
    assert by_key["personal_id"].data_type is tpl.DataType.TEXT
    assert by_key["category"].header == "Đối tượng (mã nhóm Điều 5 NĐ 20/2021)"
    assert by_key["disability_type"].catalog is tpl.Catalog.DISABILITY_TYPE
    for c in tpl.COLUMNS:
        if c.catalog is not None:
            assert tpl.catalog_values(c.catalog), c.key
    assert "5.5c" in tpl.catalog_values(tpl.Catalog.ASSISTANCE_CATEGORY)
    assert "Kinh" in tpl.catalog_values(tpl.Catalog.ETHNICITY)


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    f = tmp_path / "x.xlsx"
    n = tpl.write_workbook(f, TITLE, (_row(i) for i in range(1, 251)))
    assert n == 250
    got = list(tpl.read_rows(f))
    assert len(got) == 250
    first = got[0]
    assert first["stt"] == 1
    for k, v in _row(1).items():
        assert first[k] == v, k
    assert tpl.read_tag(f) == "Mã xã: 04744 | Mẫu: BTXH-DS-01 v1 | Kỳ: 10/2025"


def test_layout(tmp_path: Path) -> None:
    f = tmp_path / "x.xlsx"
    tpl.write_workbook(f, TITLE, [_row(1)])
    ws = load_workbook(f)[tpl.SHEET_TITLE]
    assert [c.value for c in ws[tpl.HEADER_ROW]] == [c.header for c in tpl.COLUMNS]
    assert ws.cell(tpl.NUMBER_ROW, 1).value == "(1)"
    assert ws["A4"].value == tpl.TITLE
    assert "XÃ BÁT XÁT" in str(ws["A2"].value)
    assert ws.freeze_panes == f"D{tpl.FIRST_DATA_ROW}"
    pid = ws.cell(tpl.FIRST_DATA_ROW, [c.key for c in tpl.COLUMNS].index("personal_id") + 1)
    assert pid.value == "010141000123" and pid.number_format == "@"


def test_files_are_byte_reproducible(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    tpl.write_workbook(a, TITLE, [_row(1), _row(2)])
    tpl.write_workbook(b, TITLE, [_row(1), _row(2)])
    tpl.write_workbook(c, TITLE, [_row(1), _row(3)])
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_make_deterministic_fixes_document_and_zip_dates(tmp_path: Path) -> None:
    f = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["x"])
    wb.save(f)
    make_deterministic(f, datetime(2024, 5, 6))
    with zipfile.ZipFile(f) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 5, 6, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2024-05-06T00:00:00Z") == 2


def test_unknown_column_and_wrong_file_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.xlsx"
    with pytest.raises(KeyError), tpl.BeneficiaryWorkbookWriter(f, TITLE) as w:
        w.write_row({"no_such_column": 1})
    other = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["a", "b"])
    wb.save(other)
    with pytest.raises(tpl.TemplateMismatchError):
        list(tpl.read_rows(other))


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def _rewrite_sheet(path: Path, change: Any) -> None:
    """Rewrite the first sheet's XML with ``change(xml) -> xml`` (a file another tool made)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            z.writestr(info, change(data) if info.filename.endswith("sheet1.xml") else data)


def test_the_sheet_carries_its_used_range_as_dimension(tmp_path: Path) -> None:
    f = tmp_path / "x.xlsx"
    tpl.write_workbook(f, TITLE, (_row(i) for i in range(1, 8)))
    xml = _sheet_xml(f)
    last = tpl.FIRST_DATA_ROW + 7 - 1 + 3  # one empty row and two signature rows
    col = get_column_letter(len(tpl.COLUMNS)).encode()  # the template's last column
    assert b'<dimension ref="A1:%s%d"/>' % (col, last) in xml
    assert xml.index(b"<dimension") < xml.index(b"<sheetViews") < xml.index(b"<sheetData")
    ws = load_workbook(f, read_only=True)[tpl.SHEET_TITLE]
    assert ws.calculate_dimension() == f"A1:{col.decode()}{last}"
    ws.reset_dimensions()
    assert ws.calculate_dimension(force=True) == f"A1:{col.decode()}{last}"  # what the cells say


def test_readers_do_not_trust_a_wrong_dimension(tmp_path: Path) -> None:
    f = tmp_path / "x.xlsx"
    tpl.write_workbook(f, TITLE, (_row(i) for i in range(1, 31)))
    _rewrite_sheet(
        f, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C12"/>', xml)
    )
    ws = load_workbook(f, read_only=True)[tpl.SHEET_TITLE]
    assert ws.max_row == 12  # openpyxl would cut rows and columns off
    got = list(tpl.read_rows(f))
    assert (
        len(got) == 30 and got[-1]["note"] is None and got[-1]["effective_date"] == date(2024, 7, 1)
    )
    _rewrite_sheet(f, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b"", xml))  # none at all
    assert len(list(tpl.read_rows(f))) == 30


def test_data_protection_and_extra_columns_hooks(tmp_path: Path) -> None:
    f = tmp_path / "x.xlsx"
    extra = tpl.Column("check", "Kiểm tra", tpl.DataType.TEXT, width=30)
    unlocked = Protection(locked=False)
    with tpl.BeneficiaryWorkbookWriter(
        f, TITLE, data_protection=unlocked, extra_columns=[extra]
    ) as w:
        w.write_row({**_row(1), "check": "đã đối chiếu"})
        w.write_row(_row(2))
    ws = load_workbook(f)[tpl.SHEET_TITLE]
    width = len(tpl.COLUMNS) + 1
    assert ws.cell(tpl.HEADER_ROW, width).value == "Kiểm tra"
    assert ws.cell(tpl.NUMBER_ROW, width).value == f"({width})"
    assert ws.cell(tpl.FIRST_DATA_ROW, width).value == "đã đối chiếu"
    data = ws.cell(tpl.FIRST_DATA_ROW + 1, 2)
    assert data.protection.locked is False  # data cells: the hook's protection
    assert ws.cell(tpl.HEADER_ROW, 1).protection.locked is True  # layout: default (locked)
    assert b'<dimension ref="A1:%s14"/>' % get_column_letter(width).encode() in _sheet_xml(f)
    assert [r["stt"] for r in tpl.read_rows(f)] == [1, 2]  # readers ignore the extra column
    with pytest.raises(ValueError):
        tpl.BeneficiaryWorkbookWriter(tmp_path / "y.xlsx", TITLE, extra_columns=[tpl.COLUMNS[2]])


def test_make_deterministic_sets_or_replaces_a_dimension(tmp_path: Path) -> None:
    f = tmp_path / "plain.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    for i in range(3):
        ws.append([i, "x"])
    wb.save(f)
    assert b"<dimension" not in _sheet_xml(f)
    make_deterministic(f, dimensions={"xl/worksheets/sheet1.xml": "A1:B3"})
    assert b'<dimension ref="A1:B3"/>' in _sheet_xml(f)
    make_deterministic(f, dimensions={"xl/worksheets/sheet1.xml": "A1:B4"})
    assert _sheet_xml(f).count(b"<dimension") == 1 and b'ref="A1:B4"' in _sheet_xml(f)
    with pytest.raises(ValueError):
        make_deterministic(f, dimensions={"xl/worksheets/sheet1.xml": "A1:B3<"})
    with pytest.raises(KeyError):
        make_deterministic(f, dimensions={"xl/worksheets/sheet9.xml": "A1:B3"})
    assert [p.name for p in tmp_path.iterdir()] == ["plain.xlsx"]  # no temporary file left
