"""What the reports say, and which units they may be asked for (plain data, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ansinh_common.errors import FieldError, InvalidInput
from reporting.domain.rules.unit_versions import uses_2025_catalog


class Level(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    DISTRICT = "district"  # three-level periods only (before 1 Jul 2025)
    COMMUNE = "commune"


_CODE_LENGTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


@dataclass(frozen=True, slots=True)
class UnitScope:
    """A unit a report is about, in the catalog of the reported month."""

    level: Level
    code: str
    catalog_2025: bool

    def column(self) -> str | None:
        """The read-model column the unit is filtered on (``None`` for the country)."""
        if self.level is Level.COUNTRY:
            return None
        return f"{self.level.value}_{'2025' if self.catalog_2025 else 'pre'}"


def unit_scope(level: str, code: str, month: date) -> UnitScope:
    """Checks the level and code for ``month``; ``InvalidInput`` names the field."""
    try:
        lvl = Level(level)
    except ValueError:
        msg = "Cấp đơn vị phải là country, province, district hoặc commune."
        raise _invalid("level", msg) from None
    in_2025 = uses_2025_catalog(month)
    if lvl is Level.DISTRICT and in_2025:
        msg = "Từ tháng 7/2025 không còn cấp huyện; hãy chọn tỉnh hoặc xã."
        raise _invalid("level", msg)
    if lvl is Level.COUNTRY:
        return UnitScope(lvl, "VN", in_2025)
    if len(code) != _CODE_LENGTH[lvl] or not code.isdigit():
        raise _invalid(
            "unit_code", f"Mã đơn vị cấp {lvl.value} phải gồm {_CODE_LENGTH[lvl]} chữ số."
        )
    return UnitScope(lvl, code, in_2025)


def _invalid(path: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors=[FieldError(path, message)])


@dataclass(frozen=True, slots=True)
class BeneficiariesReport:
    """Beneficiaries paid in ``month`` in the unit, broken down, plus the month's changes."""

    scope: UnitScope
    month: date
    total: int
    by_category: dict[str, int] = field(default_factory=dict)
    by_gender: dict[str, int] = field(default_factory=dict)
    by_age_band: dict[str, int] = field(default_factory=dict)
    by_ethnicity: dict[str, int] = field(default_factory=dict)
    by_disability_level: dict[str, int] = field(default_factory=dict)
    care_support_households: int = 0
    changes: dict[str, int] = field(default_factory=dict)


QUALITY_FIELDS: tuple[str, ...] = (
    "personal_id",
    "gender",
    "ethnicity",
    "disability_type",
    "decision_number",
    "decision_date",
    "account",
)


@dataclass(frozen=True, slots=True)
class UnitQuality:
    """One unit of a data-quality campaign: per field, records having it of those needing it."""

    unit_code: str
    records: int
    present: dict[str, int]
    applicable: dict[str, int]

    def share(self, name: str) -> float:
        need = self.applicable.get(name, 0)
        return self.present.get(name, 0) / need if need else 1.0

    @property
    def score(self) -> float:
        """The mean share over the fields (the ranking key)."""
        return sum(self.share(name) for name in QUALITY_FIELDS) / len(QUALITY_FIELDS)


@dataclass(frozen=True, slots=True)
class QualityReport:
    scope: UnitScope
    units: tuple[UnitQuality, ...]  # ranked: best score first, then unit code


def ranked(units: list[UnitQuality]) -> tuple[UnitQuality, ...]:
    return tuple(sorted(units, key=lambda u: (-u.score, u.unit_code)))
