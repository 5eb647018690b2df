"""Data quality (làm sạch dữ liệu): findings per record and completeness per unit.

The fields of the national cleaning campaign 2022–2025 (DOMAIN.md, data rules): personal ID
number, gender, ethnicity, disability type and level (for people with disabilities), decision
number and date, bank / e-wallet account. A finding is shown, never a reason to drop a record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ansinh_common.catalogs import personal_id
from ansinh_common.catalogs.payment_channels import get_payment_channel
from registry.domain.state import RecordState

LEGAL_BASIS = (
    "Circular 11/2019/TT-BLĐTBXH Art. 3 (yearly review and update of the database); the "
    "ministry's 2022–2025 data-cleaning campaign (fields listed in DOMAIN.md)"
)


class FindingCode(StrEnum):
    PERSONAL_ID_MISSING = "personal_id_missing"
    PERSONAL_ID_FORMAT = "personal_id_format"
    PERSONAL_ID_LEGACY = "personal_id_legacy"
    GENDER_MISMATCH = "gender_mismatch"
    BIRTH_YEAR_MISMATCH = "birth_year_mismatch"
    ETHNICITY_MISSING = "ethnicity_missing"
    DISABILITY_TYPE_MISSING = "disability_type_missing"
    DISABILITY_LEVEL_MISSING = "disability_level_missing"
    DECISION_NUMBER_MISSING = "decision_number_missing"
    DECISION_DATE_MISSING = "decision_date_missing"
    ACCOUNT_MISSING = "account_missing"


@dataclass(frozen=True, slots=True)
class Finding:
    code: FindingCode
    field: str
    message: str


_ID_FINDINGS = {
    "format": (FindingCode.PERSONAL_ID_FORMAT, "Số định danh cá nhân sai định dạng."),
    "legacy": (FindingCode.PERSONAL_ID_LEGACY, "Còn số CMND 9 số, cần thay bằng số định danh."),
    "gender_mismatch": (FindingCode.GENDER_MISMATCH, "Giới tính không khớp số định danh."),
    "birth_year_mismatch": (FindingCode.BIRTH_YEAR_MISMATCH, "Năm sinh không khớp số định danh."),
}


def findings(state: RecordState) -> tuple[Finding, ...]:
    """The data-quality findings of one record."""
    person = state.person
    out: list[Finding] = []
    if not person.personal_id:
        out.append(_f(FindingCode.PERSONAL_ID_MISSING, "personal_id", "Thiếu số định danh."))
    else:
        for found in personal_id.check_consistency(
            person.personal_id, person.gender, person.birth_date.year
        ):
            code, message = _ID_FINDINGS[found.code]
            out.append(_f(code, "personal_id", message))
    if not person.ethnicity_code:
        out.append(_f(FindingCode.ETHNICITY_MISSING, "ethnicity_code", "Thiếu dân tộc."))
    if state.category.is_disability():
        disability = state.disability
        if disability is None or not disability.type_code:
            out.append(_f(FindingCode.DISABILITY_TYPE_MISSING, "disability", "Thiếu dạng tật."))
        if disability is None or not disability.level_code:
            msg = "Thiếu mức độ khuyết tật."
            out.append(_f(FindingCode.DISABILITY_LEVEL_MISSING, "disability", msg))
    decision = state.decision
    if decision is None or not decision.number.strip():
        out.append(_f(FindingCode.DECISION_NUMBER_MISSING, "decision", "Thiếu số quyết định."))
    if decision is None or decision.signed_on is None:
        out.append(_f(FindingCode.DECISION_DATE_MISSING, "decision", "Thiếu ngày quyết định."))
    if _paid_into_account(state) and not (state.payment and state.payment.account_number):
        out.append(_f(FindingCode.ACCOUNT_MISSING, "payment", "Thiếu số tài khoản nhận tiền."))
    return tuple(out)


def _paid_into_account(state: RecordState) -> bool:
    if state.payment is None:
        return False
    try:
        return get_payment_channel(state.payment.channel_code).needs_account
    except KeyError:
        return False


def _f(code: FindingCode, field_name: str, message: str) -> Finding:
    return Finding(code, field_name, message)


class UnitLevel(StrEnum):
    COMMUNE = "commune"
    DISTRICT = "district"  # pre-2025 records only (no district level from 1 Jul 2025)
    PROVINCE = "province"


@dataclass(frozen=True, slots=True)
class Completeness:
    """Completeness of one unit: how many records have no finding at all, and counts."""

    catalog_version: str
    level: UnitLevel
    unit_code: str
    records: int = 0
    complete: int = 0
    by_finding: dict[FindingCode, int] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.complete / self.records if self.records else 1.0


def completeness(
    states: Iterable[RecordState], level: UnitLevel
) -> dict[tuple[str, str], Completeness]:
    """Completeness per unit of ``level``, keyed by (catalog version, unit code)."""
    records: Counter[tuple[str, str]] = Counter()
    complete: Counter[tuple[str, str]] = Counter()
    counts: dict[tuple[str, str], Counter[FindingCode]] = {}
    for state in states:
        key = _unit_key(state, level)
        if key is None:
            continue
        found = findings(state)
        records[key] += 1
        complete[key] += not found
        counts.setdefault(key, Counter()).update(f.code for f in found)
    return {
        key: Completeness(key[0], level, key[1], n, complete[key], dict(counts[key]))
        for key, n in sorted(records.items())
    }


def _unit_key(state: RecordState, level: UnitLevel) -> tuple[str, str] | None:
    residence = state.person.residence
    code = {
        UnitLevel.COMMUNE: residence.commune_code,
        UnitLevel.DISTRICT: residence.district_code,
        UnitLevel.PROVINCE: residence.province_code,
    }[level]
    return (residence.catalog_version, code) if code else None
