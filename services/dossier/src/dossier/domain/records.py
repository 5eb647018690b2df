"""What the officers recorded on a dossier: population check, appraisal, draft, decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class PopulationCheck:
    """The comparison with the national population database (CSDL quốc gia về dân cư)."""

    matched: bool
    reference: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class Appraisal:
    """The appraiser's conclusion and the classification it proposes (policy fields)."""

    by: str
    on: dt.date
    eligible: bool
    category_code: str | None
    coefficient: Decimal | None
    amount: int | None
    note: str


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    """The approved proposal awaiting signature; who drafted it may not sign it."""

    made_by: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class SignedDecision:
    number: str
    signed_on: dt.date
    signed_by: str
    unit_code: str


POVERTY_STATUS_LABELS = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "left_poverty": "Hộ đã thoát nghèo",
    "left_near_poverty": "Hộ đã thoát cận nghèo",
    "average_living": "Hộ có mức sống trung bình",
}
NOT_POOR = "không thuộc hộ nghèo/cận nghèo"


@dataclass(frozen=True, slots=True)
class PovertyStatusAnswer:
    """The poverty service's answer: is the applicant's household poor or near-poor on
    ``as_of`` (the date of receipt), its status and id (Decree 20/2021/NĐ-CP Art. 5)."""

    poor_or_near_poor: bool
    status: str  # the poverty service's household status ("none": in no household)
    household_id: str | None
    as_of: dt.date

    @property
    def label(self) -> str:
        """In Vietnamese, for the officers, e.g. "Hộ nghèo (hộ 01-…) ngày 20/06/2026"."""
        day = self.as_of.strftime("%d/%m/%Y")
        if not self.poor_or_near_poor:
            status = POVERTY_STATUS_LABELS.get(self.status)
            where = f" ({status}, hộ {self.household_id})" if status and self.household_id else ""
            return f"Diện hộ nghèo ngày {day}: {NOT_POOR}{where}."
        status = POVERTY_STATUS_LABELS.get(self.status, self.status)
        return f"Diện hộ nghèo ngày {day}: {status} (hộ {self.household_id})."
