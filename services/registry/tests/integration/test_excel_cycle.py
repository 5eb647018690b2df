"""The commune Excel cycle against real shards: dry run, apply, valid rows only, export."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ansinh_common.authz import CatalogUnitTree
from ansinh_templates.beneficiary_excel import COLUMN_BY_KEY, FIRST_DATA_ROW, HEADER_ROW
from registry.domain.status import RecordStatus
from registry.excel.export import export_commune
from registry.excel.importer import FileImporter, ImportMode, ImportOptions, ImportReport
from registry.excel.reader import TemplateError

from .support import (
    CAO_BANG,
    CAO_BANG_OFFICER,
    HANOI_OFFICER,
    Cluster,
    register,
    scalar,
    table_checksums,
    template_row,
    write_file,
)

pytestmark = pytest.mark.integration
TOPIC = "ansinh.registry.beneficiary.v1"
DRY = ImportOptions(mode=ImportMode.DRY_RUN)
APPLY = ImportOptions(mode=ImportMode.APPLY)
VALID_ONLY = ImportOptions(mode=ImportMode.APPLY, valid_rows_only=True)


def importer(cluster: Cluster) -> FileImporter:
    return FileImporter(cluster.router, TOPIC, CatalogUnitTree())


def bad_rows() -> list[dict[str, object]]:
    """Ten rows; rows 2, 5 and 9 of the list (Excel rows 11, 14, 18) are wrong."""
    rows = [template_row(n) for n in range(1, 11)]
    rows[1].update(birth_date="31/02/1941", gender="Không rõ")
    rows[4].update(personal_id="12345", coefficient=Decimal("3.7"))
    rows[8].update(full_name=None, category="9.9")
    return rows


def errors_by_cell(report: ImportReport) -> dict[tuple[int, str | None], str]:
    return {(e.row, e.column): e.message for e in report.errors}


def test_a_dry_run_reports_every_error_by_row_and_column_in_vietnamese(cluster: Cluster) -> None:
    s1 = cluster.shard_urls["s1"]
    before = table_checksums(s1)
    report = importer(cluster).run(HANOI_OFFICER, write_file(bad_rows()), DRY)

    assert (report.rows_total, report.rows_valid, report.applied) == (10, 7, False)
    found = errors_by_cell(report)
    assert set(found) == {
        (11, "birth_date"), (11, "gender"),
        (14, "personal_id"), (14, "coefficient"),
        (18, "full_name"), (18, "category"),
    }  # fmt: skip
    assert found[(11, "birth_date")] == "ngày không hợp lệ"
    assert found[(11, "gender")] == "giới tính phải là 'Nam' hoặc 'Nữ'"
    assert found[(18, "full_name")] == "bắt buộc nhập"
    assert "12 chữ số" in found[(14, "personal_id")]
    texts = {str(e) for e in report.errors}
    assert "Dòng 11, cột 'Ngày sinh': ngày không hợp lệ" in texts
    assert table_checksums(s1) == before  # a dry run changes nothing
    assert scalar(cluster.global_url, "SELECT count(*) FROM active_index") == 0


def test_a_file_with_errors_applies_nothing_unless_valid_rows_only(cluster: Cluster) -> None:
    s1 = cluster.shard_urls["s1"]
    before = table_checksums(s1)
    strict = importer(cluster).run(HANOI_OFFICER, write_file(bad_rows()), APPLY)
    assert not strict.applied and strict.rows_applied == 0
    assert table_checksums(s1) == before
    assert scalar(cluster.global_url, "SELECT count(*) FROM active_index WHERE active") == 0


def test_valid_rows_only_applies_them_and_returns_the_rejected_rows_as_a_workbook(
    cluster: Cluster,
) -> None:
    report = importer(cluster).run(HANOI_OFFICER, write_file(bad_rows()), VALID_ONLY)

    assert report.applied and report.rows_applied == 7 and report.records_created == 7
    s1 = cluster.shard_urls["s1"]
    assert scalar(s1, "SELECT count(*) FROM beneficiary_records WHERE status = 'active'") == 7
    assert scalar(s1, "SELECT count(*) FROM record_changes WHERE kind = 'new'") == 7
    assert scalar(cluster.global_url, "SELECT count(*) FROM active_index WHERE confirmed") == 7

    assert report.error_workbook is not None
    sheet = load_workbook(io.BytesIO(report.error_workbook)).worksheets[0]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[-1] == "Lỗi" and "Ngày sinh" in header
    rows = [
        [c.value for c in row]
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)
        if any(c.value is not None for c in row)
    ]
    assert len(rows) == 3
    name_col = header.index(COLUMN_BY_KEY["full_name"].header)
    assert [r[name_col] for r in rows] == ["Trần Thị Thử 2", "Nguyễn Văn Thử 5", None]
    assert "Dòng 11, cột 'Ngày sinh': ngày không hợp lệ" in rows[0][-1]
    assert "Dòng 14, cột 'Hệ số'" in rows[1][-1]

    # the officer corrects the rejected rows in the error workbook and imports it again
    book = load_workbook(io.BytesIO(report.error_workbook))
    sheet = book.worksheets[0]
    cols = {h: i + 1 for i, h in enumerate(header) if h}
    fixes: dict[int, dict[str, object]] = {
        FIRST_DATA_ROW: {"Ngày sinh": date(1941, 2, 28), "Giới tính": "Nữ"},
        FIRST_DATA_ROW + 1: {"Số định danh cá nhân": "001095100005", "Hệ số": 2.0},
        FIRST_DATA_ROW + 2: {
            "Họ và tên": "Trần Thị Thử 9",
            COLUMN_BY_KEY["category"].header: "5.5a",
        },
    }
    for row, values in fixes.items():
        for name, value in values.items():
            sheet.cell(row=row, column=cols[name], value=value)
    fixed = io.BytesIO()
    book.save(fixed)
    again = importer(cluster).run(HANOI_OFFICER, fixed.getvalue(), APPLY)
    assert [str(e) for e in again.errors] == [] and again.rows_applied == 3
    assert scalar(s1, "SELECT count(*) FROM beneficiary_records") == 10


def test_the_same_person_active_in_another_province_is_refused_through_the_index(
    cluster: Cluster,
) -> None:
    in_cao_bang = register(principal=CAO_BANG_OFFICER)
    in_cao_bang = replace(in_cao_bang, person=replace(in_cao_bang.person, residence=CAO_BANG))
    cluster.bus().handle(in_cao_bang)
    pid = in_cao_bang.person.personal_id
    rows = [
        template_row(1),
        template_row(2, personal_id=pid, gender="Nữ", birth_date=in_cao_bang.person.birth_date),
        template_row(3),
        template_row(3, full_name="Trùng dòng trên"),  # same person twice in one file
    ]
    report = importer(cluster).run(HANOI_OFFICER, write_file(rows), VALID_ONLY)

    assert report.rows_applied == 2
    found = {e.row: str(e) for e in report.errors}
    assert set(found) == {11, 13}
    assert "đang hưởng diện 5.5a tại tỉnh 04" in found[11]
    assert "đang hưởng diện 5.5a tại tỉnh 01" in found[13]
    assert (
        scalar(
            cluster.shard_urls["s1"], "SELECT count(*) FROM persons WHERE personal_id = :p", p=pid
        )
        == 0
    )


def test_a_file_not_in_the_template_is_refused(cluster: Cluster) -> None:
    with pytest.raises(TemplateError, match="không phải là tệp Excel"):
        importer(cluster).run(HANOI_OFFICER, b"not a workbook", DRY)


def test_export_has_dropdowns_protection_and_reimports_without_changes(cluster: Cluster) -> None:
    importer(cluster).run(HANOI_OFFICER, write_file([template_row(n) for n in range(1, 6)]), APPLY)
    exported = export_commune(cluster.router, "00004", (2025, 9))
    assert exported.rows == 5 and exported.file_name == "DS_BTXH_00004_202509.xlsx"

    book = load_workbook(io.BytesIO(exported.content))
    sheet = book["DanhSach"]
    assert sheet.protection.sheet is True
    assert book["DanhMuc"].sheet_state == "hidden"
    header = [c.value for c in sheet[HEADER_ROW]]
    letters = {
        h: sheet.cell(row=HEADER_ROW, column=i + 1).column_letter for i, h in enumerate(header)
    }
    validated = {
        str(rng).split(":")[0].rstrip("0123456789"): dv.formula1
        for dv in sheet.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    for key in (
        "gender",
        "ethnicity",
        "category",
        "disability_type",
        "payment_method",
        "change_type",
    ):
        assert letters[COLUMN_BY_KEY[key].header] in validated, key
    assert sheet.cell(row=HEADER_ROW, column=1).protection.locked is True
    assert sheet.cell(row=FIRST_DATA_ROW, column=3).protection.locked is False
    amount = sheet.cell(
        row=FIRST_DATA_ROW, column=header.index(COLUMN_BY_KEY["monthly_amount"].header) + 1
    )
    assert amount.value == 1_000_000  # 2.0 × 500,000 VND (Decree 76/2024)

    # importing the exported file back is a no-op: no error, nothing changes
    before = table_checksums(cluster.shard_urls["s1"])
    again = importer(cluster).run(HANOI_OFFICER, exported.content, APPLY)
    assert again.errors == [] and again.records_changed == 0
    assert table_checksums(cluster.shard_urls["s1"]) == before


def test_a_death_recorded_in_the_exported_file_becomes_a_change(cluster: Cluster) -> None:
    importer(cluster).run(HANOI_OFFICER, write_file([template_row(n) for n in range(1, 4)]), APPLY)
    exported = export_commune(cluster.router, "00004", (2025, 9))
    book = load_workbook(io.BytesIO(exported.content))
    sheet = book["DanhSach"]
    header = [c.value for c in sheet[HEADER_ROW]]

    def col(key: str) -> int:
        return header.index(COLUMN_BY_KEY[key].header) + 1

    record_id = sheet.cell(row=FIRST_DATA_ROW, column=col("beneficiary_code")).value
    for key, value in {
        "change_type": "Cắt chết", "effective_date": date(2025, 8, 30),
        "decision_number": "77/QĐ-UBND", "decision_date": date(2025, 9, 3),
    }.items():  # fmt: skip
        sheet.cell(row=FIRST_DATA_ROW, column=col(key), value=value)
    out = io.BytesIO()
    book.save(out)
    report = importer(cluster).run(HANOI_OFFICER, out.getvalue(), APPLY)

    assert report.errors == [] and report.applied and report.records_changed == 1
    s1 = cluster.shard_urls["s1"]
    status = scalar(s1, "SELECT status FROM beneficiary_records WHERE record_id = :r", r=record_id)
    assert status == RecordStatus.DECEASED.value
    kinds = scalar(
        s1, "SELECT string_agg(kind, ',' ORDER BY seq) FROM record_changes WHERE record_id = :r",
        r=record_id,
    )  # fmt: skip
    assert kinds == "new,death"
    assert scalar(cluster.global_url, "SELECT count(*) FROM active_index WHERE active") == 2
