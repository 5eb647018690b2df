"""Changes (biến động): the append-only history of a beneficiary record.

Every change keeps its effective date, reason, decision and actor (DOMAIN.md, data rules;
Circular 11/2019/TT-BLĐTBXH Art. 4.3: the district office tracks every change). A record's
state at any date is the fold of its changes (see ``as_of``); a correction is a new change,
never an edit of an old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from registry.domain.actor import Actor
from registry.domain.benefit import CareSupportLink, Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.decision import Decision
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.person import Person, Residence


class ChangeKind(StrEnum):
    NEW = "new"  # tăng mới
    DEATH = "death"  # cắt chết
    STOP = "stop"  # thôi hưởng
    INFORMATION = "information"  # thay đổi thông tin
    COEFFICIENT = "coefficient"  # thay đổi hệ số hưởng
    MOVE_OUT = "move_out"  # chuyển đi
    MOVE_IN = "move_in"  # chuyển đến
    MOVE_CANCELLED = "move_cancelled"  # hủy chuyển đi (saga compensation)

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def needs_decision(self) -> bool:
        """Benefit changes need a decision (Decree 20/2021 Art. 8; Circular 11/2019 Art. 4.3)."""
        return self is not ChangeKind.INFORMATION


_LABELS = {
    ChangeKind.NEW: "tăng mới",
    ChangeKind.DEATH: "cắt chết",
    ChangeKind.STOP: "thôi hưởng",
    ChangeKind.INFORMATION: "thay đổi thông tin",
    ChangeKind.COEFFICIENT: "thay đổi hệ số hưởng",
    ChangeKind.MOVE_OUT: "chuyển đi",
    ChangeKind.MOVE_IN: "chuyển đến",
    ChangeKind.MOVE_CANCELLED: "hủy chuyển đi",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """Common part of every change."""

    kind: ClassVar[ChangeKind]
    effective_on: date
    reason: str
    actor: Actor
    recorded_at: datetime
    decision: Decision | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NewBeneficiary(Change):
    """Tăng mới. ``imported`` marks a record loaded from the legacy database (already paid
    before the platform): its decision may be incomplete and its start month is as loaded."""

    kind = ChangeKind.NEW
    person: Person
    category: CategoryRef
    coefficient: Decimal
    start_month: Month
    disability: Disability | None = None
    care_support: tuple[CareSupportLink, ...] = ()
    payment: PaymentInfo | None = None
    imported: bool = False
    paid_through: Month | None = None  # imported: the last month the legacy system paid


@dataclass(frozen=True, slots=True, kw_only=True)
class Death(Change):
    """``effective_on`` is the date of death; payment stops from the following month."""

    kind = ChangeKind.DEATH


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop(Change):
    """``effective_on`` is the date eligibility was lost; payment stops the month after."""

    kind = ChangeKind.STOP


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationChange(Change):
    kind = ChangeKind.INFORMATION
    update: InformationUpdate


@dataclass(frozen=True, slots=True, kw_only=True)
class CoefficientChange(Change):
    """New coefficient from the month the new condition is met (``effective_on``'s month)."""

    kind = ChangeKind.COEFFICIENT
    coefficient: Decimal
    category: CategoryRef | None = None
    disability: Disability | None = None
    care_support: tuple[CareSupportLink, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveOut(Change):
    kind = ChangeKind.MOVE_OUT
    move_id: str
    destination: Residence


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveIn(Change):
    kind = ChangeKind.MOVE_IN
    move_id: str
    origin_province_code: str
    origin_record_id: str
    residence: Residence


@dataclass(frozen=True, slots=True, kw_only=True)
class MoveCancelled(Change):
    """Compensation when the destination refuses the move: the record is active again."""

    kind = ChangeKind.MOVE_CANCELLED
    move_id: str


AnyChange = (
    NewBeneficiary
    | Death
    | Stop
    | InformationChange
    | CoefficientChange
    | MoveOut
    | MoveIn
    | MoveCancelled
)
