from __future__ import annotations

import unicodedata
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from ansinh_common.templates import beneficiary_excel as tpl
from ansinh_common.templates.xlsx import make_deterministic

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
