"""The procedures read model: dossier status changes and the procedures report (ADR 0029).

Plain data, no I/O. ``summarize`` recomputes a dossier's summary from all its status changes
(whatever order they arrived in), so replays and duplicates give the same row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reporting.domain.model import UnitCodes
from reporting.domain.reports import Level, UnitScope
from reporting.domain.rules.procedure_deadlines import (
    ENDED_STATES,
    RECEIVE_ACTION,
    RESOLVED_STATES,
    is_late,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierStep:
    """One ``DossierStatusChanged`` event as the read model needs it."""

    event_id: str
    dossier_id: str
    version: int
    province_code: str
    procedure_code: str
    unit_code: str
    state: str
    previous_state: str
    action: str
    at: datetime
    local_date: date  # Asia/Ho_Chi_Minh
    due_on: date | None
    channel: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierSummary:
    """``rm_dossier``: where a dossier is counted and when it was received and resolved."""

    dossier_id: str
    province_code: str
    procedure_code: str
    channel: int
    first_version: int
    units: UnitCodes
    received_on: date | None
    resolved_on: date | None
    resolved_late: bool | None
    ended_on: date | None


def summarize(steps: Sequence[DossierStep], units: UnitCodes) -> DossierSummary:
    """The dossier's summary from its known status changes (``units``: of its first one)."""
    ordered = sorted(steps, key=lambda s: s.version)
    first = ordered[0]
    received = next((s.local_date for s in ordered if s.action == RECEIVE_ACTION), None)
    resolved_on: date | None = None
    late: bool | None = None
    ended_on: date | None = None
    due: date | None = None
    for step in ordered:
        if step.state in RESOLVED_STATES:
            resolved_on, late = step.local_date, is_late(step.local_date, due)
            break
        if step.state in ENDED_STATES:
            ended_on = step.local_date
            break
        due = step.due_on
    return DossierSummary(
        dossier_id=first.dossier_id,
        province_code=first.province_code,
        procedure_code=first.procedure_code,
        channel=first.channel,
        first_version=first.version,
        units=units,
        received_on=received,
        resolved_on=resolved_on,
        resolved_late=late,
        ended_on=ended_on,
    )


@dataclass(frozen=True, slots=True)
class ProcedureLine:
    """Dossiers of one procedure, channel and unit (one level below the one asked)."""

    procedure_code: str
    channel: int
    unit_code: str
    received: int
    resolved_on_time: int
    resolved_late: int
    pending: int


@dataclass(frozen=True, slots=True)
class ProcedureStepTime:
    """Time spent in one state by the dossiers that left it in the month (days)."""

    state: str
    count: int
    average_days: float
    p90_days: float


@dataclass(frozen=True, slots=True)
class ProceduresReport:
    scope: UnitScope
    month: date
    lines: tuple[ProcedureLine, ...]
    steps: tuple[ProcedureStepTime, ...]

    def total(self, name: str) -> int:
        return sum(int(getattr(line, name)) for line in self.lines)


def child_column(scope: UnitScope) -> str:
    """The ``rm_dossier`` column of the units one level below ``scope`` (a commune: itself)."""
    suffix = "2025" if scope.catalog_2025 else "pre"
    below = {
        Level.COUNTRY: "province",
        Level.PROVINCE: "commune" if scope.catalog_2025 else "district",
        Level.DISTRICT: "commune",
        Level.COMMUNE: "commune",
    }
    return f"{below[scope.level]}_{suffix}"
