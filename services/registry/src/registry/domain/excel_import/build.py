"""From the read cells of a row to the command it stands for (see ``row`` for the mapping)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.payment_channels import ChannelKind
from ansinh_common.catalogs.personal_id import Gender
from registry.domain.benefit import Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.commands import (
    ChangeCoefficient,
    ChangeInformation,
    Command,
    RecordDeath,
    RegisterBeneficiary,
    StopBenefit,
)
from registry.domain.decision import Decision
from registry.domain.excel_import import decision_dates, fields
from registry.domain.excel_import.birth_date import parse_birth_date
from registry.domain.excel_import.cells import CellError, parse_date, parse_decimal, parse_month
from registry.domain.excel_import.cells import text as as_text
from registry.domain.excel_import.ethnicity import match_ethnicity
from registry.domain.excel_import.lookups import gender, lookup
from registry.domain.excel_import.names import normalize_name
from registry.domain.excel_import.personal_id_recovery import (
    consistency_warnings,
    recover_personal_id,
)
from registry.domain.excel_import.reader import REQUIRED, RowReader
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.person import Contact, Person

BENEFIT_CHANGES = frozenset({"new", "death", "stop", "coefficient_change"})
MOVES = frozenset({"move_out", "move_in"})
SYNC_REASON = "Cập nhật thông tin từ tệp Excel"


@dataclass(frozen=True, slots=True)
class _Row:
    change: str | None
    code: str | None
    person: Person
    category: CategoryRef
    coefficient: Decimal
    disability: Disability | None
    decision: Decision | None
    start: Month | None
    payment: PaymentInfo | None
    effective: date | None
    note: str | None
    paid_through: Month | None = None


def build_command(
    r: RowReader, principal: Principal, today: date, signing_unit: str | None
) -> Command | None:
    """The row's command; ``None`` when ``r.errors`` says why."""
    row = _read(r, today, signing_unit)
    if row is None or r.errors:
        return None
    return _command(row, principal, today)


def _read(r: RowReader, today: date, signing_unit: str | None) -> _Row | None:
    change = r.get("change_type", partial(lookup, "change_type"))
    code = r.get("beneficiary_code", as_text)
    person = _person(r, today)
    category_code = r.get("category", partial(lookup, "category"))
    coefficient = r.get("coefficient", parse_decimal)
    type_code = r.get("disability_type", partial(lookup, "disability_type"))
    level_code = r.get("disability_level", partial(lookup, "disability_level"))
    decision = _decision(r, change in BENEFIT_CHANGES, signing_unit, today)
    start = r.get("start_month", parse_month)
    payment = _payment(r)
    effective = r.get("effective_date", parse_date, required=change is not None)
    r.get("monthly_amount", parse_decimal)
    note = r.get("note", as_text)
    paid_through = _paid_through(r, change, code, start, today)
    category = None
    if category_code is not None and coefficient is not None:
        try:
            category = fields.category_ref(category_code, coefficient, level_code)
        except CellError as exc:
            r.fail("coefficient", str(exc))
    _check_change(r, change, code)
    if person is None or category is None or coefficient is None:
        return None
    disability = Disability(type_code, level_code) if type_code or level_code else None
    if start is not None and decision is not None and decision.signed_on is not None:
        early = decision_dates.early_start(start, decision.signed_on, category, person, disability)
        if early is not None and change == "new":
            r.fail("start_month", early.message)
        elif early is not None and change is None and code is None:
            r.warn("start_month", early.message + "; cần kiểm tra quyết định")
    return _Row(
        change, code, person, category, coefficient, disability, decision, start,
        payment, effective, note, paid_through,
    )  # fmt: skip


def _paid_through(
    r: RowReader, change: str | None, code: str | None, start: Month | None, today: date
) -> Month | None:
    """ "Đã chi trả đến tháng": only on a legacy row (no change type, no code), from the month
    before the start month to the current month (the legacy system paid up to it)."""
    paid = r.get("paid_through", parse_month)
    if paid is None:
        return None
    if change is not None or code is not None:
        r.fail("paid_through", "chỉ nhập với đối tượng đang hưởng nạp lần đầu từ hệ thống cũ")
    elif start is not None and paid < start.previous():
        r.fail("paid_through", "không được trước tháng bắt đầu hưởng")
    elif paid > Month(today.year, today.month):
        r.fail("paid_through", "không được sau tháng hiện tại")
    return paid


def _person(r: RowReader, today: date) -> Person | None:
    full_name = r.get("full_name", _name(r))
    birth = r.get("birth_date", partial(parse_birth_date, today=today))
    if birth is not None and birth.year_only:
        r.warn("birth_date", f"chỉ có năm sinh: ghi nhận 01/01/{birth.value.year} (chỉ năm sinh)")
    sex = r.get("gender", gender)
    birth_year = birth.value.year if birth is not None else None
    pid = r.get("personal_id", partial(_personal_id, r, sex, birth_year))
    ethnicity = r.get("ethnicity", partial(_ethnicity, r))
    address = r.get("address", as_text)
    r.get("commune_name", as_text)
    residence = r.get("commune_code", fields.parse_commune)
    if full_name is None or birth is None or sex is None or residence is None:
        return None
    contact = Contact(address=address)
    return Person(full_name, birth.value, sex, residence, pid, ethnicity, contact)


def _name(r: RowReader) -> Callable[[object], str]:
    def parse(value: object) -> str:
        normalized = normalize_name(as_text(value))
        if normalized.warning:
            r.warn("full_name", normalized.warning)
        return normalized.name

    return parse


def _personal_id(r: RowReader, sex: Gender | None, birth_year: int | None, value: object) -> str:
    found = recover_personal_id(value, sex, birth_year)
    if found.restored_zeros:
        r.warn(
            "personal_id",
            f"đã khôi phục {found.restored_zeros} số 0 ở đầu (ô định dạng General làm mất): "
            f"{found.number}",
        )
    for issue in consistency_warnings(found.number, sex, birth_year):
        r.warn("personal_id", issue)
    return found.number


def _ethnicity(r: RowReader, value: object) -> str:
    found = match_ethnicity(as_text(value))
    if found.warning:
        r.warn("ethnicity", found.warning)
    return found.code


def _decision(
    r: RowReader, required: bool, signing_unit: str | None, today: date
) -> Decision | None:
    number = r.get("decision_number", as_text, required=required)
    signed_on = r.get("decision_date", parse_date, required=required)
    unit = r.get("decision_authority", as_text) or signing_unit
    if required and unit is None:
        r.fail("decision_authority", REQUIRED)
    if signed_on is not None and (future := decision_dates.future_decision(signed_on, today)):
        r.fail("decision_date", future)
    if number is None and signed_on is None:
        return None
    return Decision(number or "", signed_on, unit or "")


def _payment(r: RowReader) -> PaymentInfo | None:
    method = r.get("payment_method", partial(lookup, "payment_method"))
    provider = r.get("account_provider", partial(lookup, "account_provider"))
    account = r.get("account_number", as_text)
    if method is None:
        return None
    try:
        return fields.payment_info(ChannelKind(method), provider, account)
    except CellError as exc:
        r.fail("account_provider", str(exc))
        return None


def _check_change(r: RowReader, change: str | None, code: str | None) -> None:
    if change in MOVES:
        r.fail("change_type", "chuyển đi/chuyển đến không nhập qua tệp, dùng thủ tục chuyển hồ sơ")
    elif change not in (None, "new") and code is None:
        r.fail("beneficiary_code", "bắt buộc nhập với loại biến động này")
    elif change == "new" and code is not None:
        r.fail("beneficiary_code", "đối tượng tăng mới chưa có mã đối tượng")


def _command(row: _Row, principal: Principal, today: date) -> Command:
    province = row.person.residence.province_code
    if row.code is None:
        return RegisterBeneficiary(
            principal=principal, person=row.person, category=row.category,
            coefficient=row.coefficient, decision=row.decision,
            reason=row.note or ("Tăng mới" if row.change else "Nhập dữ liệu đang hưởng"),
            disability=row.disability, payment=row.payment,
            start_month=row.start, imported=row.change is None, paid_through=row.paid_through,
        )  # fmt: skip
    code, effective = row.code, row.effective or today
    if row.change == "death":
        return RecordDeath(
            principal=principal, record_id=code, province_code=province, died_on=effective,
            decision=row.decision,
        )  # fmt: skip
    if row.change == "stop":
        return StopBenefit(
            principal=principal, record_id=code, province_code=province, stopped_on=effective,
            decision=row.decision, reason=row.note or "Thôi hưởng",
        )  # fmt: skip
    if row.change == "coefficient_change":
        return ChangeCoefficient(
            principal=principal, record_id=code, province_code=province,
            coefficient=row.coefficient, condition_met_on=effective, decision=row.decision,
            category=row.category, disability=row.disability,
        )  # fmt: skip
    return ChangeInformation(
        principal=principal, record_id=code, province_code=province, update=_update(row),
        effective_on=effective, reason=row.note or SYNC_REASON,
        decision=row.decision if row.change else None,
    )  # fmt: skip


def _update(row: _Row) -> InformationUpdate:
    person, disability = row.person, row.disability or Disability()
    return InformationUpdate(
        full_name=person.full_name, birth_date=person.birth_date, gender=person.gender,
        personal_id=person.personal_id, ethnicity_code=person.ethnicity_code,
        address=person.contact.address, disability_type_code=disability.type_code,
        disability_level_code=disability.level_code, payment=row.payment,
    )  # fmt: skip
