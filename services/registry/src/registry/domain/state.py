"""The state of a beneficiary record at one moment: the fold of its history up to then."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from registry.domain.benefit import CareSupportLink, Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.decision import Decision
from registry.domain.months import Month
from registry.domain.person import Person
from registry.domain.status import RecordStatus


@dataclass(frozen=True, slots=True)
class RecordState:
    """Everything a record says at one moment (never stored on its own: it is derived).

    ``start_month`` is the first month paid by this record in its province; ``end_month`` the
    last one (``None`` while open): payment stops from the month after death, loss of
    eligibility or a move (Decree 20/2021/NĐ-CP Art. 8).
    """

    person: Person
    category: CategoryRef
    coefficient: Decimal
    decision: Decision | None
    start_month: Month
    status: RecordStatus = RecordStatus.ACTIVE
    end_month: Month | None = None
    disability: Disability | None = None
    care_support: tuple[CareSupportLink, ...] = ()
    payment: PaymentInfo | None = None

    @property
    def active(self) -> bool:
        return self.status is RecordStatus.ACTIVE

    def paid_in(self, month: Month) -> bool:
        """True if this record pays an allowance for ``month``."""
        if month < self.start_month:
            return False
        return self.end_month is None or month <= self.end_month
