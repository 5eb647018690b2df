"""A citizen's online dossier is about a person the population database knows, as declared.

The same check identity makes when a citizen's account is created (number, name, birth
date), here on the applicant the form names.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import Any

from ansinh_common.errors import FieldError, InvalidInput
from dossier.service_layer.ports import PopulationDatabase


def _name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def require_population_match(population: PopulationDatabase, values: Mapping[str, Any]) -> None:
    """``InvalidInput`` naming each field that differs from the population database."""
    national_id = str(values.get("personal_id") or "")
    record = population.lookup(national_id) if national_id.isdigit() else None
    if record is None:
        raise InvalidInput(
            "Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư.",
            errors=[FieldError("values.personal_id", "Không tìm thấy công dân.", "not_found")],
        )
    errors = []
    if _name(str(values.get("full_name") or "")) != _name(record.full_name):
        errors.append(FieldError("values.full_name", "Họ tên không khớp.", "population_mismatch"))
    birth = values.get("birth_date")
    try:
        day = birth if isinstance(birth, dt.date) else dt.date.fromisoformat(str(birth))
    except ValueError:
        day = None
    if day != record.birth_date:
        errors.append(
            FieldError("values.birth_date", "Ngày sinh không khớp.", "population_mismatch")
        )
    if errors:
        raise InvalidInput(
            "Thông tin người nộp không khớp Cơ sở dữ liệu quốc gia về dân cư.", errors=errors
        )
