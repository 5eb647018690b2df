"""The coefficient of one group for one month, from the birth date and the group's facts.

Decree 20/2021/NĐ-CP Art. 6.1 (coefficients of the groups of Art. 5); the numbers come from the
shared catalog ``ansinh_common.catalogs.assistance_categories``, this module only picks the
catalog condition. Age rules apply from the month the condition is met (Art. 8), with no
manual change:

* 5.1: 2.5 under 4, 1.5 from the month of the 4th birthday; ends after the 16th birthday month
  unless studying, then paid as 5.2 (1.5) to 22 at most (``childhood``). A 5.2 record (its
  decision says the person studies) pays 1.5 to the end of studies if known, 22 at most.
* 5.3: 2.5 under 4, 2.0 from 4; ends after the 16th birthday month.
* 5.4: 1.0 per child under 16 or 16–22 studying (``childhood``).
* 5.5a: 1.5 from 60, 2.0 from the month of the 80th birthday.
* 5.5b: from the month of the 75th birthday; at 80 the person is in 5.5c (same 1.0), flagged
  for review *(verify: the registry may record 5.5c by a new decision)*.
* 5.5c: from the month of the 80th birthday. 5.5d: 3.0 (elderly, from 60).
* 5.6: severe 1.5 / especially severe 2.0; 2.0 / 2.5 for a child (under 16) or an elderly
  person (from 60; Law on the Elderly 2009 Art. 2); a mild disability is not paid.
* 5.7: 1.5 under 3; ends after the month of the 3rd birthday (Art. 8, as for 16).
* 5.8: 1.5.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import get_category
from payment.domain.model import DisabilityLevel, Membership
from payment.domain.months import Month, age_in
from payment.domain.rules.childhood import ChildStage, child_stage

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 5, Art. 6.1"
ELDERLY_FROM = 60  # Law on the Elderly 2009 Art. 2
CHILD_UNDER = 16  # Law on Children 2016 Art. 1


@dataclass(frozen=True, slots=True)
class GroupCoefficient:
    """What one membership pays in a month, before Art. 6.2 (several groups)."""

    record_id: str
    group: str  # the group paid: "5.2" for a 5.1 child studying after 16, "5.5c" for 5.5b at 80
    condition: str  # catalog condition
    coefficient: Decimal
    legal_basis: str
    children: int | None = None  # 5.4: children counted


def group_coefficient(
    membership: Membership, birth_date: date, month: Month
) -> GroupCoefficient | None:
    """The coefficient in force in ``month``, or ``None`` if nothing is owed by age or facts."""
    if not membership.in_force(month):
        return None
    age = age_in(birth_date, month)
    code = membership.group
    if code == "5.1":
        return _child(membership, birth_date, month, age)
    if code == "5.2":
        return _student(membership, birth_date, month)
    if code == "5.3":
        if child_stage(birth_date, None, month) is ChildStage.ENDED:
            return None
        return _pick(membership, "5.3", "under_4" if age < 4 else "from_4")
    if code == "5.4":
        return _single_parent(membership, month)
    if code == "5.5a":
        if age < ELDERLY_FROM:
            return None
        return _pick(membership, "5.5a", "from_80" if age >= 80 else "age_60_to_80")
    if code == "5.5b":
        if age < 75:
            return None
        return _pick(membership, "5.5c" if age >= 80 else "5.5b", "default")
    if code == "5.5c":
        return _pick(membership, "5.5c", "default") if age >= 80 else None
    if code == "5.5d":
        return _pick(membership, "5.5d", "default") if age >= ELDERLY_FROM else None
    if code == "5.6":
        return _disability(membership, age)
    if code == "5.7":
        under_3 = age < 3 or (age == 3 and month.month == birth_date.month)
        return _pick(membership, "5.7", "default") if under_3 else None
    if code == "5.8":
        return _pick(membership, "5.8", "default")
    raise KeyError(f"unknown group {code!r}")


def _child(m: Membership, birth_date: date, month: Month, age: int) -> GroupCoefficient | None:
    stage = child_stage(birth_date, m.studying_through, month)
    if stage is ChildStage.CHILD:
        return _pick(m, "5.1", "under_4" if age < 4 else "from_4")
    if stage is ChildStage.STUDYING:
        return _pick(m, "5.2", "default")
    return None


def _student(m: Membership, birth_date: date, month: Month) -> GroupCoefficient | None:
    """A 5.2 record: its decision says the person studies; ``studying_through`` (if known)
    ends it earlier, the 22nd-birthday month at the latest (``childhood``)."""
    through = m.studying_through or month
    if child_stage(birth_date, through, month) is ChildStage.ENDED:
        return None
    return _pick(m, "5.2", "default")


def _single_parent(m: Membership, month: Month) -> GroupCoefficient | None:
    counted = sum(
        1
        for c in m.children
        if c.birth_date is None
        or child_stage(c.birth_date, c.studying_through, month) is not ChildStage.ENDED
    )
    if counted == 0:
        return None
    rule = get_category("5.4").rules[0]
    return GroupCoefficient(
        m.record_id, "5.4", rule.condition, rule.coefficient * counted, rule.legal_basis, counted
    )


def _disability(m: Membership, age: int) -> GroupCoefficient | None:
    level = m.disability_level
    if level is None or level is DisabilityLevel.MILD:
        return None
    base = "especially_severe" if level is DisabilityLevel.ESPECIALLY_SEVERE else "severe"
    child_or_elderly = age < CHILD_UNDER or age >= ELDERLY_FROM
    return _pick(m, "5.6", f"{base}_child_or_elderly" if child_or_elderly else base)


def _pick(m: Membership, group: str, condition: str) -> GroupCoefficient:
    rule = next(r for r in get_category(group).rules if r.condition == condition)
    return GroupCoefficient(m.record_id, group, condition, rule.coefficient, rule.legal_basis)
