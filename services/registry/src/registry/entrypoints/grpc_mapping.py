"""Protobuf ↔ domain values for the gRPC API (``ansinh.registry.v1.RegistryService``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date
from decimal import Decimal
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2
from ansinh_common.errors import FieldError, InvalidInput
from ansinh_common.plausibility import date_error
from registry.adapters.codec import to_json
from registry.adapters.messages import change_to_proto
from registry.adapters.records import change_from_doc
from registry.domain.decision import Decision
from registry.domain.excel_import import RowError
from registry.domain.months import Month
from registry.domain.move import MoveProgress
from registry.domain.person import Residence
from registry.domain.read_audit import RecordRead
from registry.domain.state import RecordState
from registry.domain.status import RecordStatus
from registry.service_layer.queries import RecordView

STATUS_TO_PROTO = {
    RecordStatus.ACTIVE: registry_pb2.RECORD_STATUS_ACTIVE,
    RecordStatus.DECEASED: registry_pb2.RECORD_STATUS_DECEASED,
    RecordStatus.STOPPED: registry_pb2.RECORD_STATUS_STOPPED,
    RecordStatus.MOVED_OUT: registry_pb2.RECORD_STATUS_MOVED_OUT,
}
STATUS_FROM_PROTO = {v: k for k, v in STATUS_TO_PROTO.items()}


def date_pb(day: date | None) -> common_pb2.Date | None:
    return None if day is None else common_pb2.Date(year=day.year, month=day.month, day=day.day)


def month_pb(month: Month | str | None) -> common_pb2.YearMonth | None:
    if month is None:
        return None
    if isinstance(month, str):
        month = Month.parse(month)
    return common_pb2.YearMonth(year=month.year, month=month.month)


def date_from_pb(value: common_pb2.Date, field: str, *, required: bool = False) -> date | None:
    if value.year == 0 and value.month == 0 and value.day == 0:
        if required:
            raise InvalidInput(errors=[FieldError(field, "Bắt buộc nhập.", "required")])
        return None
    try:
        day = date(value.year, value.month, value.day)
    except ValueError as exc:
        raise InvalidInput(errors=[FieldError(field, "Ngày không hợp lệ.", "format")]) from exc
    error = date_error(day, field)
    if error is not None:
        raise InvalidInput(errors=[error])
    return day


def decision_pb(decision: Decision | None) -> events_pb2.Decision | None:
    if decision is None:
        return None
    return events_pb2.Decision(
        number=decision.number,
        signed_on=date_pb(decision.signed_on),
        signing_unit_code=decision.signing_unit_code,
    )


def decision_from_pb(value: events_pb2.Decision, field: str) -> Decision | None:
    if not value.number and not value.signing_unit_code and not value.HasField("signed_on"):
        return None
    signed = date_from_pb(value.signed_on, f"{field}.signed_on")
    return Decision(value.number, signed, value.signing_unit_code)


def residence_pb(residence: Residence) -> events_pb2.Residence:
    out = events_pb2.Residence(
        province_code=residence.province_code,
        commune_code=residence.commune_code,
        catalog_version=residence.catalog_version,
    )
    if residence.district_code is not None:
        out.district_code = residence.district_code
    return out


def residence_from_pb(value: events_pb2.Residence) -> Residence:
    return Residence(
        value.province_code,
        value.commune_code,
        value.district_code if value.HasField("district_code") else None,
        value.catalog_version or "2025",
    )


def summary_from_state(
    record_id: str, province: str, version: int, state: RecordState
) -> registry_pb2.RecordSummary:
    person = state.person
    out = registry_pb2.RecordSummary(
        record_id=record_id,
        province_code=province,
        version=version,
        status=STATUS_TO_PROTO[state.status],
        full_name=person.full_name,
        birth_date=date_pb(person.birth_date),
        gender=person.gender.value,
        residence=residence_pb(person.residence),
        category_code=state.category.code,
        category_condition=state.category.condition,
        coefficient=str(state.coefficient),
        start_month=month_pb(state.start_month),
        end_month=month_pb(state.end_month),
        decision=decision_pb(state.decision),
    )
    _optional(out, "personal_id", person.personal_id)
    _optional(out, "ethnicity_code", person.ethnicity_code)
    _optional(out, "address", person.contact.address)
    _optional(out, "phone", person.contact.phone)
    if state.disability is not None:
        _optional(out, "disability_type_code", state.disability.type_code)
        _optional(out, "disability_level_code", state.disability.level_code)
    if state.payment is not None:
        _optional(out, "payment_channel_code", state.payment.channel_code)
        _optional(out, "account_number", state.payment.account_number)
    return out


def summary_from_row(row: Mapping[Any, Any]) -> registry_pb2.RecordSummary:
    out = registry_pb2.RecordSummary(
        record_id=row["record_id"],
        province_code=row["province"],
        version=row["version"],
        status=STATUS_TO_PROTO[RecordStatus(row["status"])],
        full_name=row["full_name"],
        birth_date=date_pb(row["birth_date"]),
        gender=row["gender"],
        residence=residence_pb(
            Residence(
                row["province"], row["commune_code"], row["district_code"], row["catalog_version"]
            )
        ),
        category_code=row["category_code"],
        category_condition=row["category_condition"],
        coefficient=str(Decimal(row["coefficient"]).normalize()),
        start_month=month_pb(row["start_month"]),
        end_month=month_pb(row["end_month"]),
    )
    decision = decision_pb(
        Decision(
            row["decision_number"] or "", row["decision_signed_on"], row["decision_unit"] or ""
        )
    )
    if decision is not None and (row["decision_number"] or row["decision_signed_on"]):
        out.decision.CopyFrom(decision)
    for name in (
        "personal_id", "ethnicity_code", "address", "disability_type_code",
        "disability_level_code", "payment_channel_code", "account_number", "phone",
    ):  # fmt: skip
        _optional(out, name, row[name])
    return out


def record_response(view: RecordView) -> registry_pb2.GetRecordResponse:
    out = registry_pb2.GetRecordResponse(
        record=summary_from_state(view.record_id, view.province_code, view.version, view.state),
        findings=[
            registry_pb2.Finding(code=f.code.value, field=f.field, message=f.message)
            for f in view.findings
        ],
    )
    if view.move is not None:
        out.move.CopyFrom(move_pb(view.move))
    if view.state.care_support:
        out.care_support_json = to_json(view.state.care_support)
    return out


def move_pb(move: MoveProgress) -> registry_pb2.MoveInfo:
    return registry_pb2.MoveInfo(
        move_id=move.move_id,
        stage=move.stage.value,
        destination=residence_pb(move.destination),
        new_record_id=move.new_record_id or "",
        new_province_code=move.new_province_code or "",
    )


def change_entry(row: Mapping[Any, Any]) -> registry_pb2.ChangeEntry:
    return registry_pb2.ChangeEntry(
        record_id=row["record_id"],
        seq=row["seq"],
        full_name=row["full_name"],
        commune_code=row["commune_code"],
        change=change_to_proto(change_from_doc(row["payload"])),
    )


def row_error_pb(error: RowError) -> registry_pb2.ImportRowError:
    return registry_pb2.ImportRowError(
        row=error.row,
        column=error.column or "",
        header=error.header or "",
        message=error.message,
        text=str(error),
    )


def _optional(message: Any, name: str, value: str | None) -> None:
    if value is not None:
        setattr(message, name, value)


def record_read_pb(read: RecordRead) -> registry_pb2.RecordRead:
    return registry_pb2.RecordRead(
        read_at=read.read_at.astimezone(UTC).isoformat() if read.read_at else "",
        kind=read.kind.value,
        reader_subject=read.reader.subject,
        reader_username=read.reader.username,
        reader_roles=list(read.reader.roles),
        reader_unit_code=read.reader.unit_code or "",
        client_address=read.client_address,
        route=read.route,
    )
