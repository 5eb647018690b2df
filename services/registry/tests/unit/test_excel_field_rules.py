"""Issue 11: the rules that recover legacy field values, row by row (no I/O).

Each test builds the row (or cell) as a commune's legacy list carries it.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

import pytest

from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from registry.domain.commands import RegisterBeneficiary
from registry.domain.excel_import import RowContext, validate_row
from registry.domain.excel_import.birth_date import parse_birth_date
from registry.domain.excel_import.cells import CellError
from registry.domain.excel_import.ethnicity import match_ethnicity
from registry.domain.excel_import.legacy_encoding import Encoding, decode_legacy
from registry.domain.excel_import.names import normalize_name, search_key
from registry.domain.excel_import.personal_id_recovery import recover_personal_id

from .builders import HANOI_OFFICER
from .test_excel_row import row

TODAY = date(2025, 9, 15)
CTX = RowContext(HANOI_OFFICER, TODAY, signing_unit_code="01")


def warnings(result: Any) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for w in result.warnings:
        out.setdefault(w.column, []).append(w.message)
    return out


def errors(result: Any) -> dict[str | None, str]:
    return {e.column: e.message for e in result.errors}


# -- 2. a birth year typed as a number ---------------------------------------------------------


@pytest.mark.parametrize("cell", [1957, 1957.0, "1957", datetime(1905, 5, 10), date(1905, 5, 10)])
def test_a_bare_year_is_a_year_only_birth_date_never_a_serial(cell: object) -> None:
    # 1957 typed in a date-formatted cell reaches the reader as Excel's serial 1957 = 10/05/1905
    parsed = parse_birth_date(cell, TODAY)
    assert parsed.value == date(1957, 1, 1) and parsed.year_only


def test_a_year_only_row_is_valid_and_flagged_in_the_report() -> None:
    pid = make_personal_id("001", Gender.MALE, 1957, 4321)
    result = validate_row(12, row(birth_date=1957, personal_id=pid), CTX)
    assert result.ok and isinstance(result.command, RegisterBeneficiary)
    assert result.command.person.birth_date == date(1957, 1, 1)
    assert warnings(result)["birth_date"] == ["chỉ có năm sinh: ghi nhận 01/01/1957 (chỉ năm sinh)"]


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        (1000, "số 1000 cho ngày sinh 26/09/1902 (trên 120 tuổi)"),
        (500, "số 500 cho ngày sinh 14/05/1901 (trên 120 tuổi)"),
        (datetime(1850, 1, 1), "giá trị trong ô cho ngày sinh 01/01/1850 (trên 120 tuổi)"),
        (70000, "ngày sinh 25/08/2091 sau ngày hiện tại"),
    ],
)
def test_a_serial_giving_an_impossible_birth_date_is_an_error(cell: object, why: str) -> None:
    with pytest.raises(CellError, match=why.replace("(", r"\(").replace(")", r"\)")):
        parse_birth_date(cell, TODAY)


def test_a_real_date_and_dd_mm_yyyy_text_are_kept() -> None:
    assert parse_birth_date(datetime(1957, 3, 4), TODAY).value == date(1957, 3, 4)
    assert not parse_birth_date("04/03/1957", TODAY).year_only


# -- 3. ID numbers that lost their leading zeros ------------------------------------------------


def test_leading_zeros_are_restored_when_the_row_confirms_them() -> None:
    full = make_personal_id("001", Gender.FEMALE, 1950, 12345)  # 001 1 50 012345
    assert full.startswith("00")
    as_number = float(full)  # a General cell: 1150012345.0, two zeros lost
    got = recover_personal_id(as_number, Gender.FEMALE, 1950)
    assert got.number == full and got.restored_zeros == 2
    eleven = make_personal_id("036", Gender.MALE, 1944, 77)  # Nam Định: one zero lost
    assert recover_personal_id(int(eleven), Gender.MALE, 1944).restored_zeros == 1
    assert recover_personal_id(f"{int(eleven)}.0", Gender.MALE, 1944).number == eleven
    assert recover_personal_id(f"{eleven}.0", Gender.MALE, 1944).number == eleven  # text ".0"


@pytest.mark.parametrize(
    ("digits", "gender", "year", "why"),
    [
        ("13150012345", Gender.FEMALE, 1950, "mã tỉnh '013' không có trong danh mục"),
        ("1150012345", Gender.MALE, 1950, "chữ số giới tính chỉ nữ, dòng ghi nam"),
        ("1150012345", Gender.FEMALE, 1951, "số cho năm sinh 1950, dòng ghi 1951"),
        ("1150012345", None, 1950, "thiếu giới tính hoặc năm sinh để đối chiếu"),
    ],
)
def test_an_id_is_not_guessed_when_a_check_fails(
    digits: str, gender: Gender | None, year: int, why: str
) -> None:
    with pytest.raises(CellError) as raised:
        recover_personal_id(digits, gender, year)
    message = str(raised.value)
    assert message.startswith(f"có {len(digits)} chữ số (mất {12 - len(digits)} số 0 ở đầu?)")
    assert message.endswith(why)


def test_a_row_with_a_lost_zero_id_is_valid_and_says_so() -> None:
    full = make_personal_id("001", Gender.MALE, 1940, 99)
    result = validate_row(12, row(personal_id=int(full)), CTX)
    assert result.ok and isinstance(result.command, RegisterBeneficiary)
    assert result.command.person.personal_id == full
    assert warnings(result)["personal_id"] == [
        f"đã khôi phục 2 số 0 ở đầu (ô định dạng General làm mất): {full}"
    ]


# -- 4. names --------------------------------------------------------------------------------


def test_names_are_stored_nfc_with_single_spaces_and_caps_kept() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn  Văn\u00a0An ")
    assert normalize_name(nfd).name == "Nguyễn Văn An" and normalize_name(nfd).warning is None
    assert normalize_name("TRẦN THỊ BÉ").name == "TRẦN THỊ BÉ"
    result = validate_row(12, row(full_name=nfd), CTX)
    assert isinstance(result.command, RegisterBeneficiary)
    assert result.command.person.full_name == "Nguyễn Văn An"
    assert not result.warnings


@pytest.mark.parametrize(
    ("typed", "unicode", "encoding"),
    [
        ("NguyÔn V¨n An", "Nguyễn Văn An", Encoding.TCVN3),
        ("Ph¹m Thu H\xad¬ng", "Phạm Thu Hương", Encoding.TCVN3),
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN", Encoding.TCVN3),  # upper-case ABC font
        ("Nguyeãn Vaên An", "Nguyễn Văn An", Encoding.VNI),
        ("Leâ Thò Haø", "Lê Thị Hà", Encoding.VNI),
        ("ÑOÃ THÒ LAN", "ĐỖ THỊ LAN", Encoding.VNI),
    ],
)
def test_legacy_tcvn3_and_vni_names_are_converted(
    typed: str, unicode: str, encoding: Encoding
) -> None:
    decoded = decode_legacy(typed)
    assert (decoded.text, decoded.encoding, decoded.certain) == (unicode, encoding, True)
    result = validate_row(12, row(full_name=typed), CTX)
    assert isinstance(result.command, RegisterBeneficiary)
    assert result.command.person.full_name == unicode
    label = "TCVN3 (ABC)" if encoding is Encoding.TCVN3 else "VNI"
    assert warnings(result)["full_name"] == [
        f"đã chuyển họ tên từ bảng mã {label} sang Unicode: '{typed}' → '{unicode}'"
    ]


@pytest.mark.parametrize("name", ["Ksor H'Hen Niê", "Lò Văn Páo", "Nguyễn Ngoan", "Mai Anh"])
def test_ordinary_and_minority_names_are_not_taken_for_legacy(name: str) -> None:
    assert normalize_name(name) == normalize_name(name).__class__(name, None)


def test_an_uncertain_name_is_kept_with_a_warning_to_check() -> None:
    typed = "Tr§n Vaên ©"  # legacy marks that no table turns into a well-formed name
    result = validate_row(12, row(full_name=typed), CTX)
    assert result.ok and isinstance(result.command, RegisterBeneficiary)
    assert isinstance(result.command, RegisterBeneficiary)
    assert result.command.person.full_name == typed
    assert warnings(result)["full_name"] == [
        "họ tên có ký tự lạ (có thể gõ bằng bảng mã cũ), cần kiểm tra"
    ]


def test_search_keys_ignore_case_diacritics_and_form() -> None:
    stored = search_key("NGUYỄN VĂN ĐỨC")
    for query in (
        "nguyen van duc",
        "Nguyễn Văn Đức",
        unicodedata.normalize("NFD", "nguyễn văn đức"),
    ):
        assert search_key(query) == stored


# -- 5. decision dates -------------------------------------------------------------------------


def test_a_decision_dated_in_the_future_is_refused_even_on_a_legacy_load() -> None:
    result = validate_row(12, row(decision_date=datetime(2025, 10, 1)), CTX)  # no change type
    assert errors(result) == {
        "decision_date": "ngày quyết định 01/10/2025 sau ngày hiện tại 15/09/2025"
    }


def test_a_start_month_before_the_decision_is_refused_on_new_and_flagged_on_legacy() -> None:
    early = {"category": "5.1", "coefficient": 2.5, "birth_date": "05/02/2015",
             "personal_id": make_personal_id("001", Gender.MALE, 2015, 5),
             "decision_date": datetime(2025, 3, 2), "start_month": "01/2025"}  # fmt: skip
    legacy = validate_row(12, row(**early), CTX)
    assert legacy.ok
    assert warnings(legacy)["start_month"] == [
        "tháng bắt đầu hưởng 01/2025 trước tháng của quyết định (02/03/2025); sớm nhất là "
        "03/2025 (Decree 20/2021/NĐ-CP Art. 8.1.đ); cần kiểm tra quyết định"
    ]
    new = validate_row(13, row(**early, change_type="Tăng mới", effective_date="02/03/2025"), CTX)
    assert "start_month" in errors(new)
    # 80+: paid from the month of the 80th birthday even when the decision comes later
    assert validate_row(14, row(decision_date=datetime(2020, 6, 1), start_month="02/2020"), CTX).ok


# -- 6. ID digits that disagree with the row ---------------------------------------------------


def test_gender_and_birth_year_mismatches_are_warned_on_the_row_and_column() -> None:
    pid = make_personal_id("001", Gender.FEMALE, 1941, 12)
    result = validate_row(12, row(personal_id=pid), CTX)  # row: Nam, born 1940
    assert result.ok
    assert warnings(result)["personal_id"] == [
        "chữ số giới tính của số định danh chỉ nữ, dòng ghi nam: cần kiểm tra",
        "số định danh cho năm sinh 1941, dòng ghi 1940: cần kiểm tra",
    ]
    assert str(result.warnings[0]).startswith("Dòng 12, cột 'Số định danh cá nhân'")


# -- 8. ethnicity spelling variants ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name"), [("Tay", "Tày"), ("Hmong", "Mông"), ("Muong", "Mường"), ("Ede", "Ê-đê")]
)
def test_ethnicities_without_diacritics_match_with_a_warning(typed: str, name: str) -> None:
    result = validate_row(12, row(ethnicity=typed), CTX)
    assert result.ok
    assert warnings(result)["ethnicity"] == [f"'{typed}' được hiểu là dân tộc '{name}'"]


def test_a_typographic_apostrophe_is_the_same_spelling() -> None:
    assert match_ethnicity("H’Mông") == match_ethnicity("H'Mông")
    assert match_ethnicity("H’Mông").warning is None and match_ethnicity("H’Mông").code == "08"


def test_an_unknown_ethnicity_gets_the_closest_catalog_names() -> None:
    result = validate_row(12, row(ethnicity="Kihn"), CTX)
    assert errors(result) == {
        "ethnicity": "dân tộc không có trong danh mục; có phải: 'Kinh', 'Kháng'?"
    }
