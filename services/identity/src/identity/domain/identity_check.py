"""Checking what a citizen declared against the national population database.

The check compares the personal ID number, the full name (see ``names``), the birth date and
the gender. Every difference is reported with its own reason, in Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.catalogs.personal_id import normalize as normalize_id
from identity.domain.names import same_letters, same_name

GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}


class MismatchReason(Enum):
    """Kinds of mismatch: (machine code, request field, Vietnamese message)."""

    NATIONAL_ID_INVALID = (
        "national_id_invalid",
        "national_id",
        "Số định danh cá nhân phải gồm 12 chữ số (số CMND 9 chữ số cũ không dùng để xác thực).",
    )
    NATIONAL_ID_NOT_FOUND = (
        "national_id_not_found",
        "national_id",
        "Không tìm thấy công dân có số định danh cá nhân này trong Cơ sở dữ liệu quốc gia "
        "về dân cư.",
    )
    FULL_NAME = (
        "full_name_mismatch",
        "full_name",
        "Họ và tên không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
    )
    FULL_NAME_DIACRITICS = (
        "full_name_diacritics_mismatch",
        "full_name",
        "Họ và tên khác với Cơ sở dữ liệu quốc gia về dân cư ở dấu thanh hoặc dấu chữ "
        "(ví dụ: thiếu dấu, sai dấu).",
    )
    BIRTH_DATE = (
        "birth_date_mismatch",
        "birth_date",
        "Ngày, tháng, năm sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
    )
    GENDER = (
        "gender_mismatch",
        "gender",
        "Giới tính không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
    )

    def __init__(self, code: str, field: str, message: str) -> None:
        self.code = code
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Declared:
    """What the citizen declared."""

    national_id: str
    full_name: str
    birth_date: date | None
    gender: Gender | None


@dataclass(frozen=True, slots=True)
class PopulationRecord:
    """A citizen as the national population database holds them."""

    national_id: str
    full_name: str
    birth_date: date
    gender: Gender


@dataclass(frozen=True, slots=True)
class CheckResult:
    mismatches: tuple[MismatchReason, ...]

    @property
    def matched(self) -> bool:
        return not self.mismatches


def clean_national_id(raw: str) -> str | None:
    """The 12-digit number (spaces, dots, dashes removed), or None if it is not one."""
    number = normalize_id(raw)
    return number if re.fullmatch(r"\d{12}", number) else None


def compare(declared: Declared, record: PopulationRecord | None) -> CheckResult:
    """Every difference between the declaration and the record (``record`` None: not found)."""
    if clean_national_id(declared.national_id) is None:
        return CheckResult((MismatchReason.NATIONAL_ID_INVALID,))
    if record is None:
        return CheckResult((MismatchReason.NATIONAL_ID_NOT_FOUND,))
    found: list[MismatchReason] = []
    if not same_name(declared.full_name, record.full_name):
        diacritics_only = same_letters(declared.full_name, record.full_name)
        found.append(
            MismatchReason.FULL_NAME_DIACRITICS if diacritics_only else MismatchReason.FULL_NAME
        )
    if declared.birth_date != record.birth_date:
        found.append(MismatchReason.BIRTH_DATE)
    if declared.gender is not record.gender:
        found.append(MismatchReason.GENDER)
    return CheckResult(tuple(found))
