"""Data quality over time: the campaign's figures per unit per month (snapshots) and their
progress, ranked per month (plain data, ADR 0029)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reporting.domain.reports import UnitQuality, UnitScope, ranked


@dataclass(frozen=True, slots=True)
class MonthQuality:
    """One month of the campaign: the units one level below, best first."""

    month: date
    units: tuple[UnitQuality, ...]


@dataclass(frozen=True, slots=True)
class QualityProgress:
    scope: UnitScope
    months: tuple[MonthQuality, ...]  # oldest first

    def scores(self, unit_code: str) -> list[float]:
        """The unit's score month after month (months it was not measured are left out)."""
        return [u.score for m in self.months for u in m.units if u.unit_code == unit_code]


def progress(scope: UnitScope, by_month: dict[date, list[UnitQuality]]) -> QualityProgress:
    months = tuple(MonthQuality(m, ranked(units)) for m, units in sorted(by_month.items()))
    return QualityProgress(scope, months)
