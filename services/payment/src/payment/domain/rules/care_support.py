"""Care support (hỗ trợ kinh phí chăm sóc, nuôi dưỡng), month by month.

Decree 20/2021/NĐ-CP Art. 20; coefficients from the shared catalog (codes "C1" … "C4"):

* C1, household or person fostering a 5.1 child: 2.5 under 4, 1.5 from 4 to 16 (for as long as
  the child's own 5.1 allowance runs, ``childhood``: a 5.2 student is not a 5.1 child); fostering
  a 5.5d elderly person: 1.5.
* C2, a person with severe or especially severe disability who is pregnant or raising one child
  under 36 months: 1.5; pregnant and raising one, or raising two or more: 2.0 (highest only).
  From the pregnancy months and the children's birth dates when known; from the decision's
  condition otherwise (``DECIDED_CHILDREN``, the registry's records).
  Paid on top of the person's own 5.6 allowance, outside Art. 6.2. If both spouses qualify,
  one payment only (``one_per_couple``).
* C3, household directly caring for a person with especially severe disability: 1.0 each.
* C4, fostering a person with especially severe disability: 2.5 for a child (under 16), 1.5
  for an adult; the change at 16 applies from the birthday month.

Care support in a social-assistance facility (Art. 25) is not a community payment and is out
of this service's scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import get_category
from payment.domain.model import CareKind, CareSupportClaim, DisabilityLevel, Membership
from payment.domain.months import Month, age_in, age_in_months
from payment.domain.rules.childhood import ChildStage, child_stage

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 20"
UNDER_MONTHS = 36
# C2 as the registry records it (ADR 0033): the decision's condition, not the pregnancy months
# nor the children's birth dates. It stands for that many children (or a pregnancy) counted
# while the decision stands (Art. 8: a changed rate or the end by a new decision); the
# registry's record ends or changes the link when the youngest child reaches 36 months.
DECIDED_CHILDREN = {"pregnant_or_one_child": 1, "pregnant_and_one_child_or_two_plus": 2}


@dataclass(frozen=True, slots=True)
class CareCoefficient:
    claim_id: str
    kind: CareKind
    payee_id: str
    condition: str
    coefficient: Decimal
    legal_basis: str


def care_coefficient(
    claim: CareSupportClaim,
    birth_date: date,
    memberships: Iterable[Membership],
    month: Month,
) -> CareCoefficient | None:
    """The care support owed for ``claim`` in ``month`` (``None`` if nothing is owed)."""
    if not claim.in_force(month):
        return None
    in_force = [m for m in memberships if m.in_force(month)]
    groups = {m.group for m in in_force}
    condition: str | None = None
    if claim.kind is CareKind.FOSTERING:
        condition = _fostering(birth_date, month, groups)
    elif claim.kind is CareKind.DISABLED_PARENT:
        if _disabled(in_force, DisabilityLevel.SEVERE, DisabilityLevel.ESPECIALLY_SEVERE):
            condition = _parent(claim, month)
    elif _disabled(in_force, DisabilityLevel.ESPECIALLY_SEVERE):
        if claim.kind is CareKind.FAMILY_CARE:
            condition = "default"
        else:
            condition = "child" if age_in(birth_date, month) < 16 else "adult"
    if condition is None:
        return None
    rule = next(r for r in get_category(claim.kind.value).rules if r.condition == condition)
    return CareCoefficient(
        claim.claim_id, claim.kind, claim.payee_id, condition, rule.coefficient, rule.legal_basis
    )


def _fostering(birth_date: date, month: Month, groups: set[str]) -> str | None:
    if "5.1" in groups and child_stage(birth_date, None, month) is ChildStage.CHILD:
        return "child_under_4" if age_in(birth_date, month) < 4 else "child_4_to_16"
    if "5.5d" in groups:
        return "elderly_5_5d"
    return None


def _parent(claim: CareSupportClaim, month: Month) -> str | None:
    """A child without a birth date is one the decision counts (the registry records the
    decision's condition, not the children: ``DECIDED_CHILDREN``), counted while it stands."""
    small = sum(
        1
        for c in claim.children
        if c.birth_date is None or 0 <= age_in_months(c.birth_date, month) < UNDER_MONTHS
    )
    pregnant = claim.pregnant_in(month)
    if small >= 2 or (pregnant and small == 1):
        return "pregnant_and_one_child_or_two_plus"
    if pregnant or small == 1:
        return "pregnant_or_one_child"
    return None


def _disabled(in_force: list[Membership], *levels: DisabilityLevel) -> bool:
    return any(m.group == "5.6" and m.disability_level in levels for m in in_force)


def one_per_couple(
    own: CareCoefficient | None, spouse: CareCoefficient | None
) -> CareCoefficient | None:
    """C2 when both spouses qualify: one payment, the higher one (this spouse's on a tie if
    their claim id sorts first), so exactly one of the two returns non-``None``."""
    if own is None or spouse is None:
        return own
    if (own.coefficient, spouse.claim_id) > (spouse.coefficient, own.claim_id):
        return own
    return None
