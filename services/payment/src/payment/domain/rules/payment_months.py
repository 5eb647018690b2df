"""Which months are owed: from the start month to the month of death or stop.

Decree 20/2021/NĐ-CP Art. 8: the allowance is paid from the month the decision is signed (5.5b
from the month the person turns 75, 5.5c from turning 80, the disability allowance from the
month of the certificate — the registry computes ``start_month`` by these rules); a changed
rate from the month the new condition is met; payment stops from the month after death or loss
of eligibility. So a death on the 15th still pays that whole month and nothing after it.
"""

from __future__ import annotations

from payment.domain.model import Beneficiary, Membership
from payment.domain.months import Month

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8"


def owed_in(beneficiary: Beneficiary, membership: Membership, month: Month) -> bool:
    """The decision covers ``month`` and the person was alive at its start."""
    return membership.in_force(month) and beneficiary.alive_in(month)


def last_month_owed(beneficiary: Beneficiary) -> Month | None:
    """The last month anything is owed (``None`` while open-ended)."""
    ends: list[Month] = []
    for m in beneficiary.memberships:
        if m.end_month is None:
            return beneficiary.death_month
        ends.append(m.end_month)
    death = beneficiary.death_month
    last = max(ends) if ends else None
    if death is not None and (last is None or death < last):
        return death
    return last
