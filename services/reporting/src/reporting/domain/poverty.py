"""The poverty read model: household status decisions and the poverty report (ADR 0029).

Plain data, no I/O. A household's status in a month is its latest decision effective on or
before that month; the report counts households by status, the month's entries and exits,
and the deprivations of the poor and near-poor households.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ansinh_common.errors import FieldError, InvalidInput
from reporting.domain.reports import Level, UnitScope, unit_scope
from reporting.domain.rules.poverty_moves import moves
from reporting.domain.rules.unit_versions import MERGER_MONTH


@dataclass(frozen=True, slots=True, kw_only=True)
class PovertyDecision:
    """One ``HouseholdStatusDecided`` event as the read model needs it."""

    event_id: str
    household_id: str
    province_code: str
    commune_code: str  # 2025 catalog
    effective_on: date
    review_year: int
    status: str
    previous_status: str
    deprivations: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PovertyStatusRow:
    """``rm_poverty_status``: one decision, keyed by the event id."""

    event_id: str
    household_id: str
    province_2025: str
    commune_2025: str
    month: date
    review_year: int
    status: str
    previous_status: str
    moves: tuple[str, ...]
    deprivations: tuple[str, ...]


def status_row(decision: PovertyDecision, province_2025: str) -> PovertyStatusRow:
    return PovertyStatusRow(
        event_id=decision.event_id,
        household_id=decision.household_id,
        province_2025=province_2025,
        commune_2025=decision.commune_code,
        month=decision.effective_on.replace(day=1),
        review_year=decision.review_year,
        status=decision.status,
        previous_status=decision.previous_status,
        moves=moves(decision.previous_status, decision.status),
        deprivations=tuple(sorted(set(decision.deprivations))),
    )


@dataclass(frozen=True, slots=True)
class PovertyReport:
    """Households of a unit as of ``month``: ``households`` is every household with a
    decided status (the reviewed households, the rates' denominator)."""

    scope: UnitScope
    month: date
    households: int
    poor: int
    near_poor: int
    moves: dict[str, int] = field(default_factory=dict)
    deprivations: dict[str, int] = field(default_factory=dict)

    @property
    def poor_rate(self) -> float:
        return self.poor / self.households if self.households else 0.0

    @property
    def near_poor_rate(self) -> float:
        return self.near_poor / self.households if self.households else 0.0


def poverty_scope(level: str, code: str, month: date) -> UnitScope:
    """The poverty service's units are in the 2025 catalog only: no district level, and a
    month before July 2025 is reported on the 2025 codes too."""
    if level == Level.DISTRICT.value:
        msg = "Dữ liệu giảm nghèo dùng danh mục đơn vị 2025: hãy chọn tỉnh hoặc xã."
        raise InvalidInput(msg, errors=[FieldError("level", msg)])
    scope = unit_scope(level, code, max(month, MERGER_MONTH))
    return UnitScope(scope.level, scope.code, catalog_2025=True)
