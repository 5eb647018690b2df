"""Progress of a move between provinces (chuyển đi / chuyển đến), kept on the origin record.

The business facts (MoveOut, MoveIn, MoveCancelled) are changes in the history; this is the
saga's own state, so every step can tell whether it already ran (consumers are at-least-once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from registry.domain.decision import Decision
from registry.domain.person import Residence

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 8 (move of residence: the old place stops, the new place decides "
    "and continues; within a district 3 + 3 working days, between districts 3 + 5)"
)


class MoveStage(StrEnum):
    REQUESTED = "requested"  # MoveRequested emitted
    MOVED_OUT = "moved_out"  # MoveOut recorded, BeneficiaryMovedOut emitted
    COMPLETED = "completed"  # destination confirmed (BeneficiaryMovedIn)
    CANCELLED = "cancelled"  # destination refused, or the record ended first


@dataclass(frozen=True, slots=True)
class MoveProgress:
    move_id: str
    destination: Residence
    effective_on: date
    reason: str
    move_out_decision: Decision
    move_in_decision: Decision
    stage: MoveStage = MoveStage.REQUESTED
    new_record_id: str | None = None
    new_province_code: str | None = None

    @property
    def open(self) -> bool:
        return self.stage in {MoveStage.REQUESTED, MoveStage.MOVED_OUT}
