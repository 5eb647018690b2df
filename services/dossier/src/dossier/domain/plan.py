"""The plan of a dossier: its workflow's steps with the unit that handles each, fixed at receipt.

A dossier keeps the administrative model and the steps it was received under, even when the
definitions or the model change later. The unit of a step is the unit at the step's level
that contains the applicant's commune (or, for a move, the destination commune), found in
the unit catalog of the model (``ansinh_common.authz.tables.MODEL_CATALOG_VERSIONS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.authz import Level, UnitModel, UnitTree, unit_level
from ansinh_common.authz.tables import MODEL_CATALOG_VERSIONS
from ansinh_common.errors import FieldError, InvalidInput
from dossier.domain.procedures.model import Place, Step, StepKind, Workflow


@dataclass(frozen=True, slots=True)
class PlannedStep:
    step: Step
    unit_code: str


@dataclass(frozen=True, slots=True)
class Plan:
    model: UnitModel
    catalog_version: str
    deciding_level: Level
    steps: tuple[PlannedStep, ...]
    legal_basis: str

    def get(self, kind: StepKind) -> PlannedStep | None:
        return next((p for p in self.steps if p.step.kind is kind), None)

    def first(self) -> PlannedStep:
        return self.steps[0]

    def after(self, kind: StepKind) -> PlannedStep | None:
        """The step that normally follows ``kind`` (objections are skipped: they are optional)."""
        skip = _optional_after(kind)
        kinds = [p.step.kind for p in self.steps]
        return next(
            (p for p in self.steps[kinds.index(kind) + 1 :] if p.step.kind not in skip), None
        )

    @property
    def statutory_working_days(self) -> int:
        return sum(
            p.step.working_days for p in self.steps if p.step.kind is not StepKind.OBJECTIONS
        )

    def remaining_after(self, kind: StepKind) -> int:
        """Working days of the mandatory steps after ``kind``."""
        skip = _optional_after(kind)
        kinds = [p.step.kind for p in self.steps]
        later = self.steps[kinds.index(kind) + 1 :]
        return sum(p.step.working_days for p in later if p.step.kind not in skip)


def _optional_after(kind: StepKind) -> frozenset[StepKind]:
    """Steps not run after ``kind``: objections unless recorded; once objections were settled
    the dossier goes up directly (no separate forwarding period)."""
    if kind is StepKind.OBJECTIONS:
        return frozenset({StepKind.OBJECTIONS, StepKind.FORWARD})
    return frozenset({StepKind.OBJECTIONS})


def unit_at(commune_code: str, level: Level, version: str, units: UnitTree) -> str | None:
    """The unit at ``level`` containing the commune (the commune itself at commune level)."""
    if level is Level.COMMUNE:
        return commune_code
    try:
        ancestors = units.ancestors(commune_code, version)
    except LookupError:
        return None
    return next((code for code in ancestors if unit_level(code) is level), None)


def resolve_plan(
    workflow: Workflow,
    origin_commune: str,
    destination_commune: str | None,
    units: UnitTree,
) -> Plan:
    """The workflow's steps with their units; ``InvalidInput`` naming the commune if unknown."""
    version = MODEL_CATALOG_VERSIONS[workflow.model]
    planned = []
    for step in workflow.steps:
        commune = origin_commune if step.place is Place.ORIGIN else destination_commune
        field = "values.commune_code" if step.place is Place.ORIGIN else "values.new_commune_code"
        unit = unit_at(commune, step.level, version, units) if commune else None
        if unit is None:
            raise InvalidInput(
                f"Không xác định được đơn vị cấp {step.level} xử lý bước «{step.name}» "
                f"từ mã xã {commune or '(trống)'} trong danh mục đơn vị hành chính {version}.",
                errors=[
                    FieldError(
                        field, "Mã xã không có trong danh mục đơn vị hành chính.", "unknown_unit"
                    )
                ],
            )
        planned.append(PlannedStep(step, unit))
    return Plan(
        workflow.model, version, workflow.deciding_level, tuple(planned), workflow.legal_basis
    )
