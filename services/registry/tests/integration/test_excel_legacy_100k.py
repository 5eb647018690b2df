"""Issue 11: a 100,000-row legacy list with blank rows and every recoverable defect.

The file is built here the way a legacy list comes in: no styles, a title block and the
template's header, blank rows here and there, an unknown column, birth years typed as numbers
into date cells, IDs that lost their leading zeros or carry ".0", names in TCVN3 (ABC), VNI
and decomposed Unicode, ethnicities without diacritics, IDs whose digits disagree with the row
— all recoverable — and rows that are not: a decision dated in the future, an ID whose lost
zeros cannot be restored, a person listed twice, a birth date serial that is impossible.

The dry run reports every row (each valid or with its errors, blank rows counted, warnings
for what was recovered); the apply (valid rows only) changes exactly the valid rows: the
counts before and after are compared, and no rejected row reached the database.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from datetime import datetime
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ansinh_common.authz import CatalogUnitTree
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_templates.beneficiary_excel import COLUMNS, HEADER_ROW, SHEET_TITLE
from registry.excel.importer import FileImporter, ImportMode, ImportOptions

from .support import HANOI_OFFICER, Cluster, scalar

pytestmark = pytest.mark.integration
TOPIC = "ansinh.registry.beneficiary.v1"
ROWS = 100_000
BLANK_EVERY = 997  # a blank row after every 997th row
KINDS = (
    "plain", "year_only", "lost_zeros", "dot_zero", "tcvn3", "vni", "nfd", "ethnicity",
    "mismatch", "future_decision", "unrecoverable_id", "duplicate", "impossible_serial",
)  # fmt: skip
INVALID = frozenset({"future_decision", "unrecoverable_id", "duplicate", "impossible_serial"})
# ABC (TCVN3) and VNI spellings of "Nguyễn Văn Thử" / "Trần Thị Thử"
LEGACY_NAMES = {
    ("tcvn3", Gender.MALE): "NguyÔn V¨n Thö", ("tcvn3", Gender.FEMALE): "TrÇn ThÞ Thö",
    ("vni", Gender.MALE): "Nguyeãn Vaên Thöû", ("vni", Gender.FEMALE): "Traàn Thò Thöû",
}  # fmt: skip
UNICODE_NAMES = {Gender.MALE: "Nguyễn Văn Thử", Gender.FEMALE: "Trần Thị Thử"}
ETHNICITIES = ("Tay", "Hmong", "Muong", "Thai")


def kind_of(i: int) -> str:
    return KINDS[i % len(KINDS)]


def legacy_row(i: int) -> list[Any]:
    """Row ``i`` (0-based) of the list, by template column, as a legacy file holds it."""
    kind = kind_of(i)
    if kind == "duplicate":  # the person of a valid ("plain") row above, listed again
        row = legacy_row(i - KINDS.index("duplicate"))
        row[0] = i + 1
        return row
    sex = Gender.MALE if i % 2 else Gender.FEMALE
    year = 1930 + i % 15
    born: Any = datetime(year, 1 + i % 12, 1 + i % 28)
    pid: Any = make_personal_id("001", sex, year, i)
    name = f"{UNICODE_NAMES[sex]} {i}"
    ethnicity = "Kinh"
    decided = datetime(2024, 5, 10)
    gender = "Nam" if sex is Gender.MALE else "Nữ"
    if kind == "year_only":
        born = year  # typed as a number into a date-formatted cell (Excel: a serial)
    elif kind == "lost_zeros":
        pid = int(pid)  # a General cell: "001…" became a 10-digit number
    elif kind == "dot_zero":
        pid = f"{int(pid)}.0"
    elif kind in ("tcvn3", "vni"):
        name = f"{LEGACY_NAMES[(kind, sex)]} {i}"
    elif kind == "nfd":
        name = unicodedata.normalize("NFD", f"{UNICODE_NAMES[sex]}   {i}")
    elif kind == "ethnicity":
        ethnicity = ETHNICITIES[i % len(ETHNICITIES)]
    elif kind == "mismatch":
        pid = make_personal_id("001", sex, year + 1, i)  # the ID says another birth year
    elif kind == "future_decision":
        decided = datetime(2099, 1, 2)
    elif kind == "unrecoverable_id":
        gender = "Nữ" if sex is Gender.MALE else "Nam"
        pid = int(make_personal_id("001", sex, year, i))  # zeros lost, and the gender differs
    elif kind == "impossible_serial":
        born = 500  # serial 500 = 14/05/1901
    cells = {
        "stt": i + 1, "full_name": name, "birth_date": born, "gender": gender,
        "personal_id": pid, "ethnicity": ethnicity, "address": f"Tổ {i % 20 + 1}",
        "commune_name": "Phường Ba Đình", "commune_code": "00004", "category": "5.5a",
        "coefficient": 2, "decision_number": f"{i}/QĐ-UBND", "decision_date": decided,
        "decision_authority": "UBND phường Ba Đình", "start_month": "06/2024",
        "payment_method": "Tiền mặt tại xã",
    }  # fmt: skip
    return [cells.get(c.key) for c in COLUMNS] + ["09xx"]


def legacy_file() -> tuple[bytes, int]:
    """The workbook and its number of blank rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    for text in ("UBND THÀNH PHỐ HÀ NỘI", "UBND PHƯỜNG BA ĐÌNH", None, "DANH SÁCH", None,
                 "Mã xã: 00004 | Mẫu: BTXH-DS-01 v1 | Kỳ: 10/2025", None):  # fmt: skip
        sheet.append([text])
    assert HEADER_ROW == 8
    sheet.append([c.header for c in COLUMNS] + ["Điện thoại"])  # an unknown column
    sheet.append([f"({n})" for n in range(1, len(COLUMNS) + 2)])
    birth = [c.key for c in COLUMNS].index("birth_date")
    blanks = 0
    for i in range(ROWS):
        row = legacy_row(i)
        if isinstance(row[birth], int):
            cell = WriteOnlyCell(sheet, row[birth])
            cell.number_format = "DD/MM/YYYY"
            row[birth] = cell
        sheet.append(row)
        if i % BLANK_EVERY == BLANK_EVERY - 1 and i < ROWS - 1:
            sheet.append([])
            blanks += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), blanks


@pytest.mark.timeout(1500)
def test_a_100000_row_legacy_file(cluster: Cluster) -> None:
    content, blanks = legacy_file()
    kinds = Counter(kind_of(i) for i in range(ROWS))
    valid = sum(n for k, n in kinds.items() if k not in INVALID)
    importer = FileImporter(cluster.router, TOPIC, CatalogUnitTree())
    s1 = cluster.shard_urls["s1"]
    before = {
        t: scalar(s1, f"SELECT count(*) FROM {t}")
        for t in ("beneficiary_records", "persons", "record_changes", "outbox")
    }

    dry = importer.run(HANOI_OFFICER, content, ImportOptions(ImportMode.DRY_RUN, batch_rows=2000))

    # every row reported: valid, or rejected with its errors; blank rows counted
    assert (dry.rows_total, dry.rows_blank) == (ROWS, blanks)
    assert (dry.rows_valid, dry.rows_rejected) == (valid, ROWS - valid)
    rejected_rows = {e.row for e in dry.errors}
    assert len(rejected_rows) == ROWS - valid
    by_kind = Counter((kind_of(_index(e.row)), e.column) for e in dry.errors)
    assert by_kind == Counter({
        ("future_decision", "decision_date"): kinds["future_decision"],
        ("unrecoverable_id", "personal_id"): kinds["unrecoverable_id"],
        ("duplicate", "personal_id"): kinds["duplicate"],
        ("impossible_serial", "birth_date"): kinds["impossible_serial"],
    })  # fmt: skip
    assert all(e.message.startswith("trùng với dòng") for e in dry.errors
               if kind_of(_index(e.row)) == "duplicate")  # fmt: skip
    warned = Counter((kind_of(_index(w.row)) if w.row > HEADER_ROW else "file", w.column)
                     for w in dry.warnings)  # fmt: skip
    assert warned[("file", None)] == 1  # the unknown column
    assert warned[("year_only", "birth_date")] == kinds["year_only"]
    assert warned[("lost_zeros", "personal_id")] == kinds["lost_zeros"]
    assert warned[("dot_zero", "personal_id")] == kinds["dot_zero"]
    assert warned[("tcvn3", "full_name")] == kinds["tcvn3"]
    assert warned[("vni", "full_name")] == kinds["vni"]
    assert warned[("ethnicity", "ethnicity")] == kinds["ethnicity"]
    assert warned[("mismatch", "personal_id")] == kinds["mismatch"]
    assert warned[("plain", "full_name")] == warned[("nfd", "full_name")] == 0
    assert {t: scalar(s1, f"SELECT count(*) FROM {t}") for t in before} == before

    applied = importer.run(
        HANOI_OFFICER, content,
        ImportOptions(ImportMode.APPLY, valid_rows_only=True, batch_rows=2000),
    )  # fmt: skip

    assert applied.applied and applied.rows_applied == valid == applied.records_created
    after = {t: scalar(s1, f"SELECT count(*) FROM {t}") for t in before}
    assert after["beneficiary_records"] - before["beneficiary_records"] == valid
    assert after["persons"] - before["persons"] == valid
    assert after["record_changes"] - before["record_changes"] == valid
    assert after["outbox"] - before["outbox"] >= valid
    confirmed = "SELECT count(*) FROM active_index WHERE confirmed"
    assert scalar(cluster.global_url, confirmed) == valid
    # the recovered values are stored; no rejected row is
    assert scalar(s1, "SELECT count(*) FROM persons WHERE birth_date = '1931-01-01'") >= 1
    assert scalar(s1, "SELECT count(*) FROM persons WHERE full_name LIKE 'Nguyễn Văn Thử%'") == (
        scalar(s1, "SELECT count(*) FROM persons WHERE gender = 'male'")
    )
    not_nfc = "SELECT count(*) FROM persons WHERE full_name <> normalize(full_name, NFC)"
    assert scalar(s1, not_nfc) == 0
    future = "SELECT count(*) FROM beneficiary_records WHERE decision_signed_on > '2090-01-01'"
    assert scalar(s1, future) == 0
    assert applied.rows_total == ROWS and applied.rows_blank == blanks


def _index(row_number: int) -> int:
    """0-based index of the data row at Excel row ``row_number`` (blank rows skipped)."""
    offset = row_number - (HEADER_ROW + 2)
    return offset - offset // (BLANK_EVERY + 1)
