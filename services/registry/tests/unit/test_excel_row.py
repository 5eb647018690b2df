"""Rows of the commune Excel file → commands, or errors by row and column in Vietnamese."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from ansinh_templates.beneficiary_excel import COLUMN_BY_KEY
from registry.domain.category import CategoryRef
from registry.domain.commands import (
    ChangeCoefficient,
    ChangeInformation,
    RecordDeath,
    RegisterBeneficiary,
)
from registry.domain.excel_import import RowContext, validate_row
from registry.domain.months import Month

from .builders import HANOI_OFFICER, World, pid

CTX = RowContext(HANOI_OFFICER, date(2025, 9, 15), signing_unit_code="01")


def row(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "stt": 1,
        "beneficiary_code": None,
        "full_name": "Trần Văn Bình",
        "birth_date": "05/02/1940",
        "gender": "Nam",
        "personal_id": pid_male_1940(),
        "ethnicity": "Kinh",
        "address": "Tổ 3",
        "commune_name": "Phường Ba Đình",
        "commune_code": "00004",
        "category": "5.5a",
        "coefficient": 2,
        "monthly_amount": 1_000_000,
        "disability_type": None,
        "disability_level": None,
        "decision_number": "15/QĐ-UBND",
        "decision_date": datetime(2019, 4, 2),
        "decision_authority": None,
        "start_month": "04/2019",
        "payment_method": "Qua bưu điện",
        "account_number": None,
        "account_provider": None,
        "change_type": None,
        "effective_date": None,
        "note": None,
        "paid_through": None,
    }
    return base | overrides


def pid_male_1940() -> str:
    from ansinh_common.catalogs.personal_id import Gender

    return pid(Gender.MALE, 1940)


def messages(result: Any) -> list[str]:
    return [str(e) for e in result.errors]


def test_the_row_uses_the_template_spec() -> None:
    assert set(row()) == set(COLUMN_BY_KEY)


def test_a_row_without_change_type_loads_a_beneficiary_already_paid() -> None:
    result = validate_row(12, row(), CTX)
    assert result.ok and isinstance(result.command, RegisterBeneficiary)
    cmd = result.command
    assert cmd.imported and cmd.start_month == Month(2019, 4)
    assert cmd.category == CategoryRef("5.5a", "from_80")
    assert cmd.person.residence.province_code == "01"
    assert cmd.person.ethnicity_code == "01"
    assert cmd.decision is not None and cmd.decision.signing_unit_code == "01"
    assert cmd.payment is not None and cmd.payment.channel_code == "VNPOST"


def test_a_legacy_row_carries_the_last_month_the_legacy_system_paid() -> None:
    result = validate_row(12, row(paid_through="09/2025"), CTX)
    assert result.ok and isinstance(result.command, RegisterBeneficiary)
    assert result.command.imported and result.command.paid_through == Month(2025, 9)
    assert validate_row(12, row(), CTX).command.paid_through is None  # type: ignore[union-attr]
    header = COLUMN_BY_KEY["paid_through"].header
    assert header == "Đã chi trả đến tháng"
    new = row(
        change_type="Tăng mới", effective_date=datetime(2025, 9, 1), paid_through="08/2025",
        decision_date=datetime(2025, 8, 20), start_month="08/2025",
    )  # fmt: skip
    assert messages(validate_row(13, new, CTX)) == [
        f"Dòng 13, cột '{header}': chỉ nhập với đối tượng đang hưởng nạp lần đầu từ hệ thống cũ"
    ]
    assert messages(validate_row(14, row(paid_through="02/2019"), CTX)) == [
        f"Dòng 14, cột '{header}': không được trước tháng bắt đầu hưởng"
    ]
    assert messages(validate_row(15, row(paid_through="10/2025"), CTX)) == [
        f"Dòng 15, cột '{header}': không được sau tháng hiện tại"
    ]
    assert validate_row(16, row(paid_through="03/2019"), CTX).ok  # nothing paid yet


def test_an_invalid_date_is_reported_by_row_and_column() -> None:
    result = validate_row(12, row(birth_date="31/02/1940"), CTX)
    assert result.command is None
    assert messages(result) == ["Dòng 12, cột 'Ngày sinh': ngày không hợp lệ"]
    garbled = validate_row(13, row(birth_date="năm 1940"), CTX)
    assert messages(garbled) == [
        "Dòng 13, cột 'Ngày sinh': ngày không hợp lệ (định dạng DD/MM/YYYY)"
    ]


def test_every_error_of_a_row_is_reported_at_once() -> None:
    result = validate_row(
        20,
        row(full_name=" ", gender="Khác", ethnicity="Xyz", personal_id="12345", coefficient="3"),
        CTX,
    )
    assert messages(result) == [
        "Dòng 20, cột 'Họ và tên': bắt buộc nhập",
        "Dòng 20, cột 'Giới tính': giới tính phải là 'Nam' hoặc 'Nữ'",
        "Dòng 20, cột 'Số định danh cá nhân': "
        "số định danh cá nhân không hợp lệ (phải gồm 12 chữ số)",
        "Dòng 20, cột 'Dân tộc': dân tộc không có trong danh mục",
        "Dòng 20, cột 'Hệ số': hệ số 3 không đúng với đối tượng 5.5a (1.5, 2.0)",
    ]


def test_new_beneficiary_needs_its_decision() -> None:
    result = validate_row(
        14, row(change_type="Tăng mới", decision_number=None, decision_date=None,
                effective_date="01/09/2025"), CTX,
    )  # fmt: skip
    assert messages(result) == [
        "Dòng 14, cột 'Số quyết định': bắt buộc nhập",
        "Dòng 14, cột 'Ngày quyết định': bắt buộc nhập",
    ]


def test_excel_serial_dates_and_decimal_commas_are_read() -> None:
    result = validate_row(15, row(birth_date=14646, coefficient="2,0"), CTX)
    assert isinstance(result.command, RegisterBeneficiary)
    assert result.command.person.birth_date == date(1940, 2, 5)
    assert result.command.coefficient == Decimal("2.0")


def test_disability_row_needs_the_level_when_the_coefficient_is_ambiguous() -> None:
    ambiguous = row(category="5.6", coefficient="2.0", disability_type="Khuyết tật vận động")
    assert messages(validate_row(16, ambiguous, CTX)) == [
        "Dòng 16, cột 'Hệ số': cần mức độ khuyết tật để xác định hệ số của đối tượng 5.6"
    ]
    result = validate_row(16, ambiguous | {"disability_level": "Khuyết tật nặng"}, CTX)
    assert isinstance(result.command, RegisterBeneficiary)
    assert result.command.category == CategoryRef("5.6", "severe_child_or_elderly")
    assert result.command.disability is not None
    assert result.command.disability.type_code == "1"


def test_single_parent_coefficient_gives_the_number_of_children() -> None:
    result = validate_row(17, row(category="5.4", coefficient=3), CTX)
    assert isinstance(result.command, RegisterBeneficiary)
    assert result.command.category == CategoryRef("5.4", "per_child", children=3)


def test_account_payment_needs_a_provider_only_for_mobile_money() -> None:
    bank = validate_row(18, row(payment_method="Tài khoản ngân hàng", account_number=12345), CTX)
    assert isinstance(bank.command, RegisterBeneficiary)
    assert bank.command.payment is not None
    assert (bank.command.payment.channel_code, bank.command.payment.account_number) == (
        "OTHER_BANK",
        "12345",
    )
    mobile = validate_row(18, row(payment_method="Mobile Money"), CTX)
    assert messages(mobile) == [
        "Dòng 18, cột 'Ngân hàng/Ví': bắt buộc nhập khi chi trả qua tài khoản"
    ]


def test_death_row_becomes_record_death() -> None:
    result = validate_row(
        19, row(beneficiary_code="rec-9", change_type="Cắt chết", effective_date="03/09/2025",
                decision_date="10/09/2025"), CTX,
    )  # fmt: skip
    assert isinstance(result.command, RecordDeath)
    assert (result.command.record_id, result.command.died_on) == ("rec-9", date(2025, 9, 3))


def test_change_rows_need_the_beneficiary_code_and_effective_date() -> None:
    result = validate_row(21, row(change_type="Thôi hưởng"), CTX)
    assert messages(result) == [
        "Dòng 21, cột 'Ngày hiệu lực': bắt buộc nhập",
        "Dòng 21, cột 'Mã đối tượng': bắt buộc nhập với loại biến động này",
    ]


def test_moves_are_not_imported_from_the_file() -> None:
    result = validate_row(
        22, row(beneficiary_code="rec-9", change_type="Chuyển đi", effective_date="03/09/2025"),
        CTX,
    )  # fmt: skip
    assert messages(result) == [
        "Dòng 22, cột 'Loại biến động': chuyển đi/chuyển đến không nhập qua tệp, "
        "dùng thủ tục chuyển hồ sơ"
    ]


def test_coefficient_change_row() -> None:
    result = validate_row(
        23, row(beneficiary_code="rec-9", change_type="Thay đổi hệ số hưởng",
                effective_date="05/02/2020"), CTX,
    )  # fmt: skip
    assert isinstance(result.command, ChangeCoefficient)
    assert result.command.condition_met_on == date(2020, 2, 5)


def test_a_reimported_row_records_only_what_the_commune_filled_in() -> None:
    world = World()
    first = validate_row(10, row(personal_id=None, ethnicity=None), CTX)
    assert first.command is not None
    rid = world.handle(first.command)
    again = validate_row(10, row(beneficiary_code=rid), CTX)
    assert isinstance(again.command, ChangeInformation)
    assert world.handle(again.command) is True
    stored = world.stored("01", rid)
    assert stored.history[-1].update.changed_fields() == {  # type: ignore[union-attr]
        "personal_id",
        "ethnicity_code",
    }
    assert world.handle(again.command) is False  # nothing differs any more
    assert len(world.stored("01", rid).history) == 2


@pytest.mark.parametrize("bad", ["13/2019", "2019-04", "tháng 4"])
def test_bad_month(bad: str) -> None:
    result = validate_row(24, row(start_month=bad), CTX)
    assert result.errors and result.errors[0].column == "start_month"
