"""Arrears (truy lĩnh): the months from the decision's start month to the first month paid.

Decree 20/2021/NĐ-CP Art. 8 (the allowance is owed from the start month, whatever the date the
first list includes the person); DOMAIN.md "Procedures, decisions and payment": arrears cover
the months from the start month of the decision to the first month paid *(verify: Decree 20
Art. 34 / Circular 02/2021 on how arrears are listed)*. Each month is computed as it was owed
then: the standard level and the coefficient in force in that month (so arrears across Jul
2024 are part at 360,000 and part at 500,000 VND). Later corrections of months already paid
are adjustment lines, not arrears.
"""

from __future__ import annotations

from payment.domain.explain import AmountPart, PartKind, explain
from payment.domain.model import Beneficiary
from payment.domain.months import Month, months_between
from payment.domain.policy import ProvincePolicy

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8"
VERIFIED = False


def arrears(
    beneficiary: Beneficiary,
    month: Month,
    first_paid: Month | None,
    policy: ProvincePolicy | None = None,
) -> tuple[AmountPart, ...]:
    """Arrears to list with ``month``'s line: every month owed before the first month paid.

    ``first_paid`` is the first month the person was listed (``None``: none yet, this month
    is). Arrears go with the first month paid only (regenerating it gives them again); any
    later month has none."""
    start = beneficiary.earliest_start()
    if first_paid is not None and first_paid < month:
        return ()
    if start is None or start >= month:
        return ()
    parts: list[AmountPart] = []
    for owed_month in months_between(start, month.previous()):
        due = explain(beneficiary, owed_month, policy)
        for p in due.parts:
            parts.append(
                AmountPart(
                    PartKind.ARREARS, p.amount, f"{p.legal_basis}; {LEGAL_BASIS}",
                    f"Truy lĩnh tháng {owed_month}: {p.description}", p.group, p.condition,
                    p.coefficient, p.standard_level, p.standard_level_basis, p.record_id,
                    p.payee_id, p.setting_key, owed_month,
                )
            )  # fmt: skip
    return tuple(parts)
