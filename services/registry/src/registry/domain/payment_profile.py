"""What the payment service needs to know about a record (ADR 0027): its own projection.

Attached to every event a record emits, so the payment service keeps its own projection of
entitlements from the events (issue 13, "own projection") and never reads the registry:

* the person key (the personal ID number: Art. 6.2 pays one allowance per person, over all
  of their records; the channel mapping of payment is by that number), the name (printed on
  the payment list and the channel files) and the **date of birth** (the age rules of
  Decree 20/2021/NĐ-CP Art. 5, 6.1 apply from the month a birthday is reached);
* the commune (one list per commune and month), the group and its condition, the number of
  children for 5.4, the coefficient, the decision, the first and last month owed (Art. 8),
  the status and the date of death (funeral support, Art. 11.2);
* the disability level (5.6 and care support), the care-support links with the carer who is
  paid (Art. 20) and the payment channel recorded with the record;
* for a record loaded from a legacy system, the last month that system paid ("đã chi trả
  đến tháng"): nothing is owed again up to it (no arrears back to the start month).

Nothing else (no ethnicity, no contact, no address): Decree 13/2023/NĐ-CP Art. 3 — only what
the purpose needs. Consumers other than payment must ignore this field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from registry.domain.benefit import CareSupportLink, PaymentInfo
from registry.domain.changes import AnyChange, Death, NewBeneficiary
from registry.domain.decision import Decision
from registry.domain.months import Month
from registry.domain.state import RecordState
from registry.domain.status import RecordStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentProfile:
    personal_id: str | None = None
    full_name: str
    birth_date: date
    commune_code: str
    category_code: str
    category_condition: str
    children: int | None = None
    coefficient: Decimal
    decision: Decision | None = None
    start_month: Month
    end_month: Month | None = None
    status: str
    died_on: date | None = None
    disability_level_code: str | None = None
    care_support: tuple[CareSupportLink, ...] = ()
    payment: PaymentInfo | None = None
    paid_through: Month | None = None


def payment_profile_of(state: RecordState, history: tuple[AnyChange, ...]) -> PaymentProfile:
    """The record's payment profile after ``history`` (whose fold is ``state``)."""
    person = state.person
    return PaymentProfile(
        personal_id=person.personal_id,
        full_name=person.full_name,
        birth_date=person.birth_date,
        commune_code=person.residence.commune_code,
        category_code=state.category.code,
        category_condition=state.category.condition,
        children=state.category.children,
        coefficient=state.coefficient,
        decision=state.decision,
        start_month=state.start_month,
        end_month=state.end_month,
        status=state.status.value,
        died_on=_died_on(state, history),
        disability_level_code=state.disability.level_code if state.disability else None,
        care_support=state.care_support,
        payment=state.payment,
        paid_through=_paid_through(history),
    )


def _paid_through(history: tuple[AnyChange, ...]) -> Month | None:
    """The last month a legacy system paid an imported record (its first change)."""
    first = history[0] if history else None
    return first.paid_through if isinstance(first, NewBeneficiary) and first.imported else None


def _died_on(state: RecordState, history: tuple[AnyChange, ...]) -> date | None:
    if state.status is not RecordStatus.DECEASED:
        return None
    deaths = [c.effective_on for c in history if isinstance(c, Death)]
    return max(deaths) if deaths else None
