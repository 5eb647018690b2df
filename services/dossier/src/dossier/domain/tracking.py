"""What the applicant and officers see of a dossier's progress: history and time per step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dossier.domain.clock import StepClock
from dossier.domain.plan import PlannedStep
from dossier.domain.stages import ACTION_LABELS, STAGE_LABELS, Action, Stage


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the audit trail: who, when, what, from where, and the resulting state."""

    at: dt.datetime
    action: Action
    stage: Stage
    actor: str  # username
    unit_code: str | None
    origin: str
    note: str = ""

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


@dataclass(slots=True)
class StepRun:
    """A step as it ran for this dossier: the planned step and its clock."""

    planned: PlannedStep
    clock: StepClock


@dataclass(frozen=True, slots=True)
class StepUsage:
    step_id: str
    name: str
    unit_code: str
    allowed_working_days: int
    started_on: dt.date
    finished_on: dt.date | None
    due_on: dt.date | None
    used_working_days: int
    paused_working_days: int

    @property
    def overrun(self) -> bool:
        return self.used_working_days > self.allowed_working_days

    @classmethod
    def of(cls, run: StepRun, today: dt.date) -> StepUsage:
        step, clock = run.planned.step, run.clock
        return cls(
            step_id=step.id,
            name=step.name,
            unit_code=run.planned.unit_code,
            allowed_working_days=step.working_days,
            started_on=clock.started_on,
            finished_on=clock.finished_on,
            due_on=clock.due_on,
            used_working_days=clock.used(today),
            paused_working_days=clock.paused_days,
        )
