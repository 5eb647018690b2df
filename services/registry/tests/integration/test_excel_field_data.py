"""Issue 11: the Excel cycle on real field data, against real shards (files built here).

Each test builds a commune file the way a legacy list carries the defect (blank rows, a birth
year typed as a number, IDs in General cells, legacy-encoded names, …), imports it through
:class:`FileImporter` and checks the report and the database.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ansinh_common.authz import CatalogUnitTree
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_templates.beneficiary_excel import COLUMNS, FIRST_DATA_ROW, HEADER_ROW
from registry.adapters.read_model import search
from registry.excel.importer import FileImporter, ImportMode, ImportOptions
from registry.excel.reader import FileTooLarge, TemplateError
from registry.service_layer.ports import SearchFilter

from .support import HANOI_OFFICER, Cluster, scalar, template_row, write_file

pytestmark = pytest.mark.integration
TOPIC = "ansinh.registry.beneficiary.v1"
DRY = ImportOptions(mode=ImportMode.DRY_RUN)
APPLY = ImportOptions(mode=ImportMode.APPLY)
VALID_ONLY = ImportOptions(mode=ImportMode.APPLY, valid_rows_only=True)
LETTER = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}


def importer(cluster: Cluster) -> FileImporter:
    return FileImporter(cluster.router, TOPIC, CatalogUnitTree())


def edit(content: bytes, cells: Mapping[tuple[int, str], Any], *, general: bool = True) -> bytes:
    """Put raw values into cells (row number, column key), as typed into General cells."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for (row, key), value in cells.items():
        cell = sheet[f"{LETTER[key]}{row}"]
        cell.value = value
        if general and key != "birth_date":
            cell.number_format = "General"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def persons(url: str) -> dict[str, tuple[Any, ...]]:
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT full_name, birth_date, personal_id FROM persons"))
            return {r[0]: (r[1], r[2]) for r in rows}
    finally:
        engine.dispose()


def test_1_blank_rows_are_skipped_counted_and_the_rows_after_them_imported(
    cluster: Cluster,
) -> None:
    rows: list[dict[str, Any]] = [template_row(n) for n in range(1, 4)]
    rows += [{"stt": None}, {"stt": None}]  # two blank rows in the middle
    rows += [template_row(n) for n in range(4, 7)]
    report = importer(cluster).run(HANOI_OFFICER, write_file(rows), APPLY)

    assert (report.rows_total, report.rows_blank, report.rows_applied) == (6, 2, 6)
    assert report.errors == [] and report.applied
    s1 = cluster.shard_urls["s1"]
    assert scalar(s1, "SELECT count(*) FROM beneficiary_records") == 6
    assert scalar(s1, "SELECT count(*) FROM persons WHERE full_name LIKE '%Thử 6'") == 1


def test_2_3_4_legacy_values_are_recovered_and_stored(cluster: Cluster) -> None:
    year_only_pid = make_personal_id("001", Gender.MALE, 1937, 71)
    zeros_pid = make_personal_id("001", Gender.FEMALE, 1932, 72)
    rows = [
        template_row(1, full_name="Năm Sinh Số", personal_id=year_only_pid),
        template_row(2, full_name="Mất Số Không"),
        template_row(3, full_name="NguyÔn V¨n Tcvn"),  # TCVN3 (ABC)
        template_row(4, full_name="Nguyeãn Thò Vni"),  # VNI
        template_row(5, full_name=unicodedata.normalize("NFD", "Lê   Thị  Dạng Rời")),
        template_row(6, full_name="TRẦN VĂN HOA"),
    ]
    content = edit(
        write_file(rows),
        {
            (FIRST_DATA_ROW, "birth_date"): 1937,  # typed as a number into a date cell
            (FIRST_DATA_ROW, "gender"): "Nam",
            (FIRST_DATA_ROW + 1, "personal_id"): int(zeros_pid),  # General: zeros lost
            (FIRST_DATA_ROW + 1, "gender"): "Nữ",
            (FIRST_DATA_ROW + 1, "birth_date"): date(1932, 3, 4),
        },
    )
    dry = importer(cluster).run(HANOI_OFFICER, content, DRY)
    assert [str(e) for e in dry.errors] == []
    warned = {(w.row, w.column): w.message for w in dry.warnings}
    assert warned[(10, "birth_date")] == "chỉ có năm sinh: ghi nhận 01/01/1937 (chỉ năm sinh)"
    assert warned[(11, "personal_id")].startswith("đã khôi phục 2 số 0 ở đầu")
    assert warned[(12, "full_name")].startswith("đã chuyển họ tên từ bảng mã TCVN3 (ABC)")
    assert warned[(13, "full_name")].startswith("đã chuyển họ tên từ bảng mã VNI")

    report = importer(cluster).run(HANOI_OFFICER, content, APPLY)
    assert report.rows_applied == 6
    s1 = cluster.shard_urls["s1"]
    stored = persons(s1)
    assert stored["Năm Sinh Số"] == (date(1937, 1, 1), year_only_pid)
    assert stored["Mất Số Không"] == (date(1932, 3, 4), zeros_pid)
    assert {"Nguyễn Văn Tcvn", "Nguyễn Thị Vni", "Lê Thị Dạng Rời", "TRẦN VĂN HOA"} <= set(stored)
    assert unicodedata.is_normalized("NFC", "".join(stored))

    # 4. found by name whatever the case, diacritics or normalisation of the query
    queries = {
        "tran van hoa": "TRẦN VĂN HOA",
        "Trần Văn Hoa": "TRẦN VĂN HOA",
        "le thi dang": "Lê Thị Dạng Rời",
        unicodedata.normalize("NFD", "LÊ THỊ DẠNG"): "Lê Thị Dạng Rời",
        "NGUYEN VAN TCVN": "Nguyễn Văn Tcvn",
    }
    with cluster.router.session("01") as session:
        for query, name in queries.items():
            page = search(session, SearchFilter("01", name=query), 10, "")
            assert [r["full_name"] for r in page.rows] == [name], query


def test_5_a_decision_in_the_future_is_refused_even_on_a_legacy_load(cluster: Cluster) -> None:
    rows = [template_row(1), template_row(2, decision_date=date(2099, 1, 2))]
    report = importer(cluster).run(HANOI_OFFICER, write_file(rows), VALID_ONLY)
    assert report.rows_applied == 1
    assert [(e.row, e.column) for e in report.errors] == [(11, "decision_date")]
    assert report.errors[0].message.startswith("ngày quyết định 02/01/2099 sau ngày hiện tại")


def test_6_8_the_dry_run_warns_on_mismatches_unknown_columns_and_spelling_variants(
    cluster: Cluster,
) -> None:
    wrong = make_personal_id("001", Gender.FEMALE, 1950, 9)  # row 1: a man born in 1931
    rows = [template_row(1, personal_id=wrong), template_row(2, ethnicity="Tay")]
    content = write_file(rows)
    book = load_workbook(io.BytesIO(content))
    extra = len(COLUMNS) + 1
    book.worksheets[0].cell(HEADER_ROW, extra).value = "Số điện thoại"
    out = io.BytesIO()
    book.save(out)

    report = importer(cluster).run(HANOI_OFFICER, out.getvalue(), DRY)

    assert report.errors == [] and report.rows_valid == 2 and not report.applied
    assert [str(w) for w in report.warnings] == [
        "Dòng 8, cột 'Số điện thoại': cột không có trong mẫu, dữ liệu của cột này không được nhập",
        "Dòng 10, cột 'Số định danh cá nhân': chữ số giới tính của số định danh chỉ nữ, dòng "
        "ghi nam: cần kiểm tra",
        "Dòng 10, cột 'Số định danh cá nhân': số định danh cho năm sinh 1950, dòng ghi 1931: "
        "cần kiểm tra",
        "Dòng 11, cột 'Dân tộc': 'Tay' được hiểu là dân tộc 'Tày'",
    ]
    s1 = cluster.shard_urls["s1"]
    assert scalar(s1, "SELECT count(*) FROM beneficiary_records") == 0


def test_7_a_person_listed_twice_is_named_by_row(cluster: Cluster) -> None:
    rows = [template_row(1), template_row(2), template_row(1, full_name="Lặp Lại")]
    report = importer(cluster).run(HANOI_OFFICER, write_file(rows), DRY)
    assert [(e.row, e.column) for e in report.errors] == [(12, "personal_id")]
    message = report.errors[0].message
    assert message.startswith("trùng với dòng 10 (cùng số định danh)")
    assert "hồ sơ" not in message  # no record id that a dry run never wrote


def test_10_the_error_file_is_the_template_corrected_in_place(cluster: Cluster) -> None:
    rows = [template_row(n) for n in range(1, 6)]
    rows[1].update(birth_date="31/02/1941")
    rows[3].update(gender="Không rõ")
    content = write_file([*rows[:2], {"stt": None}, *rows[2:]])  # a blank row moves rows down
    report = importer(cluster).run(HANOI_OFFICER, content, VALID_ONLY)
    assert report.rows_applied == 3 and report.error_workbook is not None

    book = load_workbook(io.BytesIO(report.error_workbook))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[-2:] == ["Dòng gốc", "Lỗi"]
    col = {h: i + 1 for i, h in enumerate(header)}
    # the rows moved (10, 11 in the error file) but keep their original numbers
    assert [sheet.cell(r, col["Dòng gốc"]).value for r in (10, 11)] == [11, 14]
    bad_date = sheet.cell(10, col["Ngày sinh"])
    assert bad_date.value == "31/02/1941" and bad_date.fill.start_color.rgb.endswith("FFC7CE")
    assert bad_date.comment is not None and "ngày không hợp lệ" in bad_date.comment.text
    bad_gender = sheet.cell(11, col["Giới tính"])
    assert bad_gender.comment is not None and "'Nam' hoặc 'Nữ'" in bad_gender.comment.text
    assert sheet.cell(11, col["Ngày sinh"]).number_format == "DD/MM/YYYY"
    assert sheet.cell(11, col["Ngày sinh"]).comment is None
    pid = sheet.cell(10, col["Số định danh cá nhân"])
    assert pid.number_format == "@" and str(pid.value).startswith("00")
    assert (
        sheet.column_dimensions[get_column_letter(col["Số định danh cá nhân"])].number_format == "@"
    )
    lists = {str(dv.sqref).split(":")[0] for dv in sheet.data_validations.dataValidation}
    assert f"{get_column_letter(col['Giới tính'])}10" in lists  # dropdowns, as in the template
    assert "Dòng 11, cột 'Ngày sinh'" in sheet.cell(10, col["Lỗi"]).value

    # corrected in place and imported again
    bad_date.value = date(1932, 3, 3)  # as its ID says
    bad_gender.value = "Nữ"
    out = io.BytesIO()
    book.save(out)
    again = importer(cluster).run(HANOI_OFFICER, out.getvalue(), APPLY)
    assert [str(e) for e in again.errors] == [] and again.rows_applied == 2
    assert again.warnings == []  # "Dòng gốc" and "Lỗi" are the registry's own columns


def test_12_error_answers_state_the_limit_and_the_fix(cluster: Cluster) -> None:
    content = write_file([template_row(1)])
    small = FileImporter(cluster.router, TOPIC, CatalogUnitTree(), max_bytes=len(content) - 1)
    with pytest.raises(FileTooLarge) as too_big:  # an InvalidInput (422), not "internal"
        small.run(HANOI_OFFICER, content, DRY)
    assert too_big.value.code == "invalid_input" and "vượt giới hạn" in too_big.value.detail
    with pytest.raises(TemplateError) as xls:
        importer(cluster).run(HANOI_OFFICER, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), DRY)
    assert "lưu" in xls.value.detail.lower() and ".xlsx" in xls.value.detail
