"""Policy settings of a province: its higher standard level and its own allowances.

Decree 20/2021/NĐ-CP Art. 4.2 (amended by Decree 76/2024/NĐ-CP Art. 1.2): the province's
People's Council may set a standard level higher than the national one and its own assistance
*(verify the article numbering after Decree 76)*. Officers record each setting with the
resolution's number and date; it applies to the lists from its effective month on. Settings
are data, not code.

A setting line (``key``) is a sequence of versions, each from a month: the version in force in
a month is the latest one starting on or before it. Once an approved list used a line up to a
month, a version starting in or before that month is refused: a setting already used cannot be
changed, only superseded from a later month. More strictly, no setting may start in or before
the latest month for which any list of the province is approved, because it would change what
that approved list should have paid (``explain`` must agree with approved lists); a resolution
with retroactive effect is recorded from the next open month and the months before are
corrected by adjustment lines (ADR 0014).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from ansinh_common.errors import FieldError
from payment.domain.errors import (
    InvalidPolicySetting,
    SettingAlreadyUsed,
    SettingInApprovedMonth,
)
from payment.domain.events import Event, PolicySettingRecorded
from payment.domain.months import Month

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 4.2; Decree 76/2024/NĐ-CP Art. 1.2"
VERIFIED = False
STANDARD_LEVEL_KEY = "standard_level"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The People's Council resolution (nghị quyết HĐND) behind a setting."""

    number: str  # e.g. "130/2021/NQ-HĐND"
    signed_on: date


@dataclass(frozen=True, slots=True)
class HigherStandardLevel:
    """The province's standard level (VND per month) from ``effective_from``."""

    amount: int
    effective_from: Month
    resolution: Resolution
    key: str = STANDARD_LEVEL_KEY


@dataclass(frozen=True, slots=True)
class ProvinceAllowance:
    """A province's own monthly allowance: who (groups of Art. 5; empty = every beneficiary),
    how much (a fixed VND amount, or a coefficient of the standard level in force), from which
    month. A version with amount 0 and no coefficient ends the allowance."""

    key: str  # stable code of the allowance line, e.g. "NB-130-2021"
    name: str  # Vietnamese, shown on the line
    groups: frozenset[str]
    effective_from: Month
    resolution: Resolution
    amount: int = 0
    coefficient: Decimal | None = None

    def applies_to(self, group: str) -> bool:
        return not self.groups or group in self.groups


Setting = HigherStandardLevel | ProvinceAllowance
S = TypeVar("S", HigherStandardLevel, ProvinceAllowance)


@dataclass
class ProvincePolicy:
    """Aggregate: the settings of one province, with how far approved lists used them."""

    province_code: str
    settings: list[Setting] = field(default_factory=list)
    used_through: dict[str, Month] = field(default_factory=dict)
    approved_through: Month | None = None
    version: int = 0
    events: list[Event] = field(default_factory=list)

    def record(self, setting: Setting, today: date) -> None:
        """Record a new version of a setting line (validated; refused if it would change a
        month an approved list already used)."""
        errors = _check(setting, today)
        if errors:
            raise InvalidPolicySetting(errors)
        used = self.used_through.get(setting.key)
        if used is not None and setting.effective_from <= used:
            raise SettingAlreadyUsed(setting.key, str(used), str(setting.effective_from))
        locked = self.approved_through
        if locked is not None and setting.effective_from <= locked:
            raise SettingInApprovedMonth(str(locked), str(setting.effective_from))
        self.settings = [
            s for s in self.settings
            if not (s.key == setting.key and s.effective_from == setting.effective_from)
        ]  # fmt: skip
        self.settings.append(setting)
        self.version += 1
        self.events.append(
            PolicySettingRecorded(
                province_code=self.province_code, key=setting.key,
                effective_from=setting.effective_from, resolution_number=setting.resolution.number,
            )
        )  # fmt: skip

    def mark_used(self, keys: frozenset[str], month: Month) -> None:
        """A list of ``month`` was approved, using these setting lines (call it for every
        approved list of the province, even one that used none)."""
        if self.approved_through is None or self.approved_through < month:
            self.approved_through = month
        for key in keys:
            if key not in self.used_through or self.used_through[key] < month:
                self.used_through[key] = month

    def standard_level(self, month: Month) -> HigherStandardLevel | None:
        """The province's level in force in ``month`` (``None`` if it has none)."""
        levels = [s for s in self.settings if isinstance(s, HigherStandardLevel)]
        return _latest(levels, month)

    def allowances(self, month: Month) -> tuple[ProvinceAllowance, ...]:
        """The province allowances in force in ``month`` (ended lines left out)."""
        lines: dict[str, list[ProvinceAllowance]] = {}
        for s in self.settings:
            if isinstance(s, ProvinceAllowance):
                lines.setdefault(s.key, []).append(s)
        found = (_latest(versions, month) for versions in lines.values())
        return tuple(
            sorted(
                (a for a in found if a is not None and (a.amount or a.coefficient)),
                key=lambda a: a.key,
            )
        )


def _latest(versions: list[S], month: Month) -> S | None:
    started = [v for v in versions if v.effective_from <= month]
    return max(started, key=lambda v: v.effective_from) if started else None


def _check(setting: Setting, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    if not setting.resolution.number.strip():
        errors.append(FieldError("resolution.number", "Thiếu số nghị quyết.", "required"))
    if setting.resolution.signed_on > today:
        errors.append(FieldError("resolution.signed_on", "Ngày nghị quyết ở tương lai."))
    if isinstance(setting, HigherStandardLevel):
        if setting.amount <= 0:
            errors.append(FieldError("amount", "Mức chuẩn phải là số đồng dương.", "range"))
        return errors
    if not setting.key.strip() or setting.key == STANDARD_LEVEL_KEY:
        errors.append(FieldError("key", "Thiếu hoặc sai mã chính sách.", "required"))
    if not setting.name.strip():
        errors.append(FieldError("name", "Thiếu tên chính sách.", "required"))
    if setting.amount < 0 or (setting.coefficient is not None and setting.coefficient <= 0):
        errors.append(FieldError("amount", "Mức hỗ trợ không được âm.", "range"))
    if setting.amount and setting.coefficient is not None:
        errors.append(FieldError("coefficient", "Chỉ ghi số tiền hoặc hệ số, không ghi cả hai."))
    return errors
