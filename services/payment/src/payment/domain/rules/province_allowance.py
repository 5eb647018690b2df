"""A province's own allowances, paid on top of the national allowance.

Decree 20/2021/NĐ-CP Art. 4.2 (as amended by Decree 76/2024/NĐ-CP Art. 1.2): the province may
fund assistance above the national rules (Ninh Bình's Resolution 130/2021/NQ-HĐND is one
example) *(verify the article numbering after Decree 76)*. Each allowance is data recorded by
the province (``ProvincePolicy``) with its resolution, which is the legal basis shown on the
line. It is paid once per person and month if any group the person is paid under (after
Art. 6.2) is one of the allowance's groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from payment.domain.money import times
from payment.domain.months import Month
from payment.domain.policy import ProvinceAllowance, ProvincePolicy

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 4.2; Decree 76/2024/NĐ-CP Art. 1.2"
VERIFIED = False


@dataclass(frozen=True, slots=True)
class ProvinceAllowanceDue:
    allowance: ProvinceAllowance
    amount: int  # VND

    @property
    def legal_basis(self) -> str:
        return f"Nghị quyết {self.allowance.resolution.number}"


def province_allowances_due(
    policy: ProvincePolicy | None, month: Month, paid_groups: Iterable[str], standard_level: int
) -> tuple[ProvinceAllowanceDue, ...]:
    """The province allowances owed in ``month`` to a person paid under ``paid_groups``."""
    if policy is None:
        return ()
    groups = set(paid_groups)
    if not groups:
        return ()
    due: list[ProvinceAllowanceDue] = []
    for allowance in policy.allowances(month):
        if not any(allowance.applies_to(g) for g in groups):
            continue
        if allowance.coefficient is not None:
            amount = times(standard_level, allowance.coefficient)
        else:
            amount = allowance.amount
        due.append(ProvinceAllowanceDue(allowance, amount))
    return tuple(due)
