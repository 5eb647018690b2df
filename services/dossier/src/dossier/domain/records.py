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
