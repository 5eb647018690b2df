"""Errors raised by the use cases on a row → errors by row and template column (Vietnamese)."""

from __future__ import annotations

from ansinh_common.errors import DomainError
from ansinh_templates.beneficiary_excel import COLUMN_BY_KEY
from registry.domain.errors import (
    ActiveInAnotherProvince,
    DuplicateActiveRecord,
    RecordNotFound,
)
from registry.domain.excel_import import RowError

# Field paths of the domain (first segments) → template column keys.
_COLUMN_OF_FIELD = {
    "person.full_name": "full_name",
    "person.birth_date": "birth_date",
    "person.gender": "gender",
    "person.personal_id": "personal_id",
    "person.ethnicity_code": "ethnicity",
    "person.residence": "commune_code",
    "person.contact": "address",
    "full_name": "full_name",
    "birth_date": "birth_date",
    "gender": "gender",
    "personal_id": "personal_id",
    "ethnicity_code": "ethnicity",
    "residence": "commune_code",
    "category": "category",
    "coefficient": "coefficient",
    "decision.number": "decision_number",
    "decision.signed_on": "decision_date",
    "decision.signing_unit_code": "decision_authority",
    "decision": "decision_number",
    "start_month": "start_month",
    "disability.type_code": "disability_type",
    "disability.level_code": "disability_level",
    "disability": "disability_type",
    "payment.channel_code": "payment_method",
    "payment.account_number": "account_number",
    "payment": "payment_method",
    "effective_on": "effective_date",
    "died_on": "effective_date",
    "stopped_on": "effective_date",
    "condition_met_on": "effective_date",
    "record_id": "beneficiary_code",
}


def column_of(field_path: str) -> str | None:
    """The template column of a domain field path (longest known prefix), if any."""
    parts = field_path.split(".")
    for n in range(len(parts), 0, -1):
        key = _COLUMN_OF_FIELD.get(".".join(parts[:n]))
        if key is not None:
            return key
    return None


def row_errors(row: int, exc: DomainError) -> list[RowError]:
    """One error per field error (by column when the field is a column), else the detail."""
    if isinstance(exc, RecordNotFound):
        return [_at(row, "beneficiary_code", "không có hồ sơ đối tượng với mã này")]
    if isinstance(exc, DuplicateActiveRecord | ActiveInAnotherProvince):
        return [_at(row, "personal_id", exc.detail)]
    out = []
    for fe in exc.errors:
        key = column_of(fe.field)
        message = fe.message.rstrip(".")
        out.append(_at(row, key, message[:1].lower() + message[1:] if key else message))
    if not out:
        out.append(RowError(row, None, None, exc.detail))
    return out


def _at(row: int, key: str | None, message: str) -> RowError:
    header = COLUMN_BY_KEY[key].header if key is not None else None
    return RowError(row, key, header, message)
