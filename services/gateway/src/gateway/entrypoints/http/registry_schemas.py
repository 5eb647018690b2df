"""Request/response bodies of ``/api/v1/beneficiaries`` and their protobuf mapping.

Field names follow ``ansinh.registry.v1`` so that the field paths of the registry's errors
(``person.personal_id``, ``decision.signed_on``) name the fields of these bodies.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2

Status = Literal["active", "deceased", "stopped", "moved_out"]
ImportMode = Literal["dry_run", "apply", "apply_valid_only"]
STATUS_TO_PB: dict[str, registry_pb2.RecordStatus.ValueType] = {
    "active": registry_pb2.RECORD_STATUS_ACTIVE,
    "deceased": registry_pb2.RECORD_STATUS_DECEASED,
    "stopped": registry_pb2.RECORD_STATUS_STOPPED,
    "moved_out": registry_pb2.RECORD_STATUS_MOVED_OUT,
}
STATUS_FROM_PB = {v: k for k, v in STATUS_TO_PB.items()}
DECIMAL = r"^\d{1,3}(\.\d{1,2})?$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
PROVINCE = r"^\d{2}$"
UNIT = r"^(\d{2}|\d{5})$"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- shared values -------------------------------------------------------------------------
class Residence(_Body):
    province_code: str = Field(pattern=PROVINCE, description="Mã tỉnh (khóa phân mảnh).")
    commune_code: str = Field(pattern=r"^\d{5}$", description="Mã xã theo danh mục.")
    district_code: str | None = Field(
        default=None, pattern=r"^\d{3}$", description="Mã huyện, chỉ với danh mục `pre2025`."
    )
    catalog_version: Literal["2025", "pre2025"] = Field(
        default="2025", description="Phiên bản danh mục đơn vị hành chính."
    )


class Decision(_Body):
    """Quyết định: bắt buộc đủ số, ngày ký và đơn vị ký với mọi biến động về chế độ."""

    number: str = Field(min_length=1, max_length=100, examples=["123/QĐ-UBND"])
    signed_on: date = Field(description="Ngày ký.", examples=["2025-07-10"])
    signing_unit_code: str = Field(
        min_length=1, max_length=255, description="Mã (hoặc tên) đơn vị ký.", examples=["00004"]
    )


class DecisionOut(BaseModel):
    number: str
    signed_on: date | None = Field(description="Trống với một số hồ sơ chuyển từ CSDL cũ.")
    signing_unit_code: str


class Disability(_Body):
    type_code: str | None = Field(default=None, description="Mã dạng tật.", examples=["1"])
    level_code: str | None = Field(default=None, description="Mã mức độ khuyết tật.")
    certified_on: date | None = Field(default=None, description="Ngày cấp giấy xác nhận.")


class CareSupportLink(_Body):
    caregiver_kind: Literal["household", "person"] = Field(description="Hộ hoặc cá nhân.")
    caregiver_id: str = Field(min_length=1, description="Số định danh hoặc mã hộ.")
    caregiver_name: str = Field(min_length=1)
    category_code: str = Field(description="Diện hỗ trợ chăm sóc (Điều 20).", examples=["C1"])
    condition: str = Field(default="default")
    coefficient: str = Field(pattern=DECIMAL, description="Hệ số (số thập phân dạng chuỗi).")


class Payment(_Body):
    channel_code: str = Field(description="Mã hình thức chi trả.", examples=["CASH_COMMUNE"])
    account_number: str | None = Field(default=None, max_length=40)
    account_holder: str | None = Field(default=None, max_length=255)


# -- requests ------------------------------------------------------------------------------
class PersonIn(_Body):
    full_name: str = Field(min_length=1, max_length=255, examples=["Nguyễn Văn An"])
    birth_date: date = Field(examples=["1990-05-15"])
    gender: Literal["male", "female"]
    personal_id: str | None = Field(
        default=None, description="Số định danh cá nhân (12 số).", examples=["001090012345"]
    )
    ethnicity_code: str | None = Field(default=None, examples=["01"])
    residence: Residence
    phone: str | None = Field(default=None, max_length=20)
    address: str | None = Field(default=None, max_length=255, description="Thôn, tổ, số nhà.")


class NewBeneficiaryIn(_Body):
    person: PersonIn
    category_code: str = Field(description="Diện theo Điều 5 NĐ 20/2021.", examples=["5.6"])
    category_condition: str = Field(
        default="default", description="Điều kiện quyết định hệ số.", examples=["severe"]
    )
    children: int | None = Field(default=None, ge=1, le=20, description="Số con (diện 5.4).")
    coefficient: str = Field(pattern=DECIMAL, examples=["1.5"])
    decision: Decision
    reason: str | None = Field(default=None, max_length=500)
    disability: Disability | None = None
    care_support: list[CareSupportLink] = Field(default_factory=list)
    payment: Payment | None = None
    start_month: str | None = Field(
        default=None, pattern=MONTH, description="Tháng bắt đầu hưởng (YYYY-MM); trống: theo "
        "Điều 8 NĐ 20/2021.",
    )  # fmt: skip
    record_id: str | None = Field(
        default=None, max_length=64, description="Mã hồ sơ do máy khách chọn (gửi lại an toàn)."
    )


class DeathIn(_Body):
    died_on: date
    decision: Decision
    reason: str | None = Field(default=None, max_length=500)


class StopIn(_Body):
    stopped_on: date = Field(description="Ngày không còn đủ điều kiện hưởng.")
    decision: Decision
    reason: str = Field(min_length=1, max_length=500)


class CoefficientChangeIn(_Body):
    coefficient: str = Field(pattern=DECIMAL, examples=["2.0"])
    condition_met_on: date = Field(description="Ngày đủ điều kiện hưởng mức mới.")
    decision: Decision
    reason: str | None = Field(default=None, max_length=500)
    category_code: str | None = Field(
        default=None, description="Diện (kèm điều kiện) nếu thay đổi; trống: giữ nguyên."
    )
    category_condition: str | None = None
    children: int | None = Field(default=None, ge=1, le=20)
    disability: Disability | None = None
    care_support: list[CareSupportLink] | None = Field(
        default=None, description="Danh sách hỗ trợ chăm sóc mới (thay thế toàn bộ)."
    )


class InformationPatch(_Body):
    """Chỉ các trường được gửi mới thay đổi. Công dân: chỉ thông tin cá nhân của chính mình."""

    full_name: str | None = Field(default=None, min_length=1, max_length=255)
    birth_date: date | None = None
    gender: Literal["male", "female"] | None = None
    personal_id: str | None = None
    ethnicity_code: str | None = None
    phone: str | None = Field(default=None, max_length=20, examples=["0987654321"])
    address: str | None = Field(default=None, max_length=255, examples=["Số 5 ngõ 12"])
    disability_type_code: str | None = Field(default=None, description="Thông tin chính sách.")
    disability_level_code: str | None = Field(default=None, description="Thông tin chính sách.")
    payment: Payment | None = Field(default=None, description="Thông tin chính sách.")
    effective_on: date | None = Field(default=None, description="Ngày hiệu lực; trống: hôm nay.")
    reason: str | None = Field(default=None, max_length=500)
    decision: Decision | None = None


class MoveIn(_Body):
    destination: Residence
    effective_on: date
    move_out_decision: Decision = Field(description="Quyết định của nơi đi (thôi chi trả).")
    move_in_decision: Decision = Field(description="Quyết định của nơi đến (tiếp tục chi trả).")
    reason: str | None = Field(default=None, max_length=500)
    move_id: str | None = Field(default=None, max_length=64)


# -- responses -----------------------------------------------------------------------------
class ResidenceOut(BaseModel):
    province_code: str
    commune_code: str
    district_code: str | None
    catalog_version: str


class Beneficiary(BaseModel):
    record_id: str = Field(description="Mã hồ sơ (UUID).")
    province_code: str
    version: int = Field(description="Phiên bản (số biến động).")
    status: Status = Field(description="Đang hưởng, đã chết, thôi hưởng, đã chuyển đi.")
    full_name: str
    birth_date: date | None
    gender: str
    personal_id: str | None
    ethnicity_code: str | None
    residence: ResidenceOut
    address: str | None
    phone: str | None
    category_code: str
    category_condition: str
    coefficient: str = Field(description="Hệ số (số thập phân dạng chuỗi).")
    start_month: str | None = Field(description="Tháng bắt đầu hưởng (YYYY-MM).")
    end_month: str | None = Field(description="Tháng cuối được chi trả (YYYY-MM).")
    decision: DecisionOut | None
    disability_type_code: str | None
    disability_level_code: str | None
    payment_channel_code: str | None
    account_number: str | None


class BeneficiaryPage(BaseModel):
    items: list[Beneficiary]
    next_page_token: str = Field(description="Trống ở trang cuối.")
    total: int


class Finding(BaseModel):
    code: str
    field: str
    message: str = Field(description="Nhận xét chất lượng dữ liệu bằng tiếng Việt.")


class MoveInfo(BaseModel):
    move_id: str
    stage: str = Field(description="requested, moved_out, completed hoặc cancelled.")
    destination: ResidenceOut
    new_record_id: str | None
    new_province_code: str | None


class BeneficiaryDetail(BaseModel):
    record: Beneficiary
    as_of: date | None = Field(description="Ngày tra cứu (trống: hiện tại).")
    findings: list[Finding]
    move: MoveInfo | None
    care_support: list[dict[str, Any]] = Field(description="Hỗ trợ chăm sóc đang áp dụng.")


class InformationChanged(BaseModel):
    changed: bool = Field(description="False khi mọi giá trị gửi lên đều trùng giá trị hiện có.")
    record: Beneficiary


class MoveStarted(BaseModel):
    move_id: str


class Actor(BaseModel):
    subject: str
    username: str
    unit_code: str | None
    on_behalf_of: str | None


class Change(BaseModel):
    kind: str = Field(description="new, death, stop, information, coefficient, move_out, …")
    effective_on: date | None
    reason: str
    actor: Actor
    recorded_at: datetime
    decision: DecisionOut | None
    details: dict[str, Any] = Field(description="Toàn bộ biến động (lược đồ registry.change.v1).")


class History(BaseModel):
    record_id: str
    province_code: str
    changes: list[Change] = Field(description="Theo thứ tự ghi nhận, chỉ thêm không sửa.")


class ChangeEntry(BaseModel):
    record_id: str
    seq: int
    full_name: str
    commune_code: str
    change: Change


class ChangePage(BaseModel):
    items: list[ChangeEntry]
    next_page_token: str
    total: int


class ImportRowError(BaseModel):
    row: int = Field(description="Số dòng trong tệp Excel.")
    column: str = Field(description="Khóa cột của biểu mẫu; trống: cả dòng.")
    header: str = Field(description="Tên cột như trong tệp.")
    message: str
    text: str = Field(examples=["Dòng 12, cột 'Ngày sinh': ngày không hợp lệ"])


class ImportReport(BaseModel):
    mode: ImportMode
    rows_total: int
    rows_valid: int
    rows_rejected: int
    rows_applied: int
    applied: bool = Field(description="True khi các thay đổi đã được ghi.")
    records_created: int
    records_changed: int
    province_code: str
    commune_code: str | None
    error_count: int
    errors: list[ImportRowError] = Field(description="Lỗi theo dòng, cột (tối đa 10.000).")
    error_workbook_available: bool = Field(
        description="Có tệp lỗi; gửi `Accept: application/vnd.openxmlformats-officedocument."
        "spreadsheetml.sheet` để nhận tệp lỗi thay cho báo cáo JSON."
    )


# -- protobuf → responses ------------------------------------------------------------------
def pb_date(day: date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def pb_month(text: str) -> common_pb2.YearMonth:
    year, month = text.split("-")
    return common_pb2.YearMonth(year=int(year), month=int(month))


def pb_decision(d: Decision) -> events_pb2.Decision:
    return events_pb2.Decision(
        number=d.number, signed_on=pb_date(d.signed_on), signing_unit_code=d.signing_unit_code
    )


def pb_residence(r: Residence) -> events_pb2.Residence:
    out = events_pb2.Residence(
        province_code=r.province_code, commune_code=r.commune_code,
        catalog_version=r.catalog_version,
    )  # fmt: skip
    if r.district_code is not None:
        out.district_code = r.district_code
    return out


def pb_disability(d: Disability) -> registry_pb2.DisabilityDetails:
    codes = optional_fields(type_code=d.type_code, level_code=d.level_code)
    out = registry_pb2.DisabilityDetails(**codes)
    if d.certified_on is not None:
        out.certified_on.CopyFrom(pb_date(d.certified_on))
    return out


def pb_payment(p: Payment) -> registry_pb2.PaymentDetails:
    return registry_pb2.PaymentDetails(
        channel_code=p.channel_code,
        **optional_fields(account_number=p.account_number, account_holder=p.account_holder),
    )


def pb_care_support(links: list[CareSupportLink]) -> list[registry_pb2.CareSupportLink]:
    return [registry_pb2.CareSupportLink(**link.model_dump()) for link in links]


def pb_person(p: PersonIn) -> registry_pb2.PersonDetails:
    optional = optional_fields(
        personal_id=p.personal_id, ethnicity_code=p.ethnicity_code, phone=p.phone,
        address=p.address,
    )  # fmt: skip
    return registry_pb2.PersonDetails(
        full_name=p.full_name, birth_date=pb_date(p.birth_date), gender=p.gender,
        residence=pb_residence(p.residence), **optional,
    )  # fmt: skip


def optional_fields(**values: str | None) -> dict[str, Any]:
    """The given optional fields (proto3 ``optional``: unset stays absent)."""
    return {k: v for k, v in values.items() if v is not None}


def _date(d: common_pb2.Date) -> date | None:
    return date(d.year, d.month, d.day) if d.year else None


def _month(m: common_pb2.YearMonth) -> str | None:
    return f"{m.year:04d}-{m.month:02d}" if m.year else None


def _opt(message: Any, name: str) -> str | None:
    return str(getattr(message, name)) if message.HasField(name) else None


def residence_out(r: events_pb2.Residence) -> ResidenceOut:
    return ResidenceOut(
        province_code=r.province_code, commune_code=r.commune_code,
        district_code=_opt(r, "district_code"), catalog_version=r.catalog_version,
    )  # fmt: skip


def decision_out(message: Any, name: str = "decision") -> DecisionOut | None:
    if not message.HasField(name):
        return None
    d = getattr(message, name)
    return DecisionOut(
        number=d.number, signed_on=_date(d.signed_on), signing_unit_code=d.signing_unit_code
    )


def beneficiary(s: registry_pb2.RecordSummary) -> Beneficiary:
    return Beneficiary(
        record_id=s.record_id, province_code=s.province_code, version=s.version,
        status=STATUS_FROM_PB.get(s.status, "active"), full_name=s.full_name,
        birth_date=_date(s.birth_date), gender=s.gender,
        personal_id=_opt(s, "personal_id"), ethnicity_code=_opt(s, "ethnicity_code"),
        residence=residence_out(s.residence), address=_opt(s, "address"),
        phone=_opt(s, "phone"), category_code=s.category_code,
        category_condition=s.category_condition, coefficient=s.coefficient,
        start_month=_month(s.start_month), end_month=_month(s.end_month),
        decision=decision_out(s), disability_type_code=_opt(s, "disability_type_code"),
        disability_level_code=_opt(s, "disability_level_code"),
        payment_channel_code=_opt(s, "payment_channel_code"),
        account_number=_opt(s, "account_number"),
    )  # fmt: skip


def detail(r: registry_pb2.GetRecordResponse, as_of: date | None) -> BeneficiaryDetail:
    move = None
    if r.HasField("move"):
        m = r.move
        move = MoveInfo(
            move_id=m.move_id, stage=m.stage, destination=residence_out(m.destination),
            new_record_id=m.new_record_id or None, new_province_code=m.new_province_code or None,
        )  # fmt: skip
    return BeneficiaryDetail(
        record=beneficiary(r.record),
        as_of=as_of,
        findings=[Finding(code=f.code, field=f.field, message=f.message) for f in r.findings],
        move=move,
        care_support=json.loads(r.care_support_json) if r.care_support_json else [],
    )


def change(c: events_pb2.RecordChange) -> Change:
    a = c.actor
    return Change(
        kind=c.kind, effective_on=_date(c.effective_on), reason=c.reason,
        actor=Actor(
            subject=a.subject, username=a.username, unit_code=_opt(a, "unit_code"),
            on_behalf_of=_opt(a, "on_behalf_of"),
        ),
        recorded_at=c.recorded_at.ToDatetime(tzinfo=UTC),
        decision=decision_out(c), details=json.loads(c.details_json or "{}"),
    )  # fmt: skip


def change_entry(e: registry_pb2.ChangeEntry) -> ChangeEntry:
    return ChangeEntry(
        record_id=e.record_id, seq=e.seq, full_name=e.full_name, commune_code=e.commune_code,
        change=change(e.change),
    )  # fmt: skip


def import_report(mode: ImportMode, r: registry_pb2.ImportResult) -> ImportReport:
    return ImportReport(
        mode=mode,
        rows_total=r.rows_total, rows_valid=r.rows_valid, rows_rejected=r.rows_rejected,
        rows_applied=r.rows_applied, applied=r.applied, records_created=r.records_created,
        records_changed=r.records_changed, province_code=r.province_code,
        commune_code=r.commune_code or None, error_count=r.error_count,
        errors=[
            ImportRowError(
                row=e.row, column=e.column, header=e.header, message=e.message, text=e.text
            )
            for e in r.errors
        ],
        error_workbook_available=bool(r.error_workbook),
    )  # fmt: skip
