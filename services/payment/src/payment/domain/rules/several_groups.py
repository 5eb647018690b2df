"""Several groups: only the highest amount, except the 5.4 single parent.

Decree 20/2021/NĐ-CP Art. 6.2: a person in several groups receives only the single highest
monthly allowance; a poor or near-poor single parent raising children (5.4) who is also in
5.5, 5.6 or 5.8 receives the 5.4 allowance **and** that one. Every group of one person is
paid at the same standard level, so comparing coefficients compares amounts. Groups are
compared month by month (an age change can change which one is highest).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import CUMULATIVE_WITH_5_4
from payment.domain.rules.coefficient import GroupCoefficient

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 6.2"
SINGLE_PARENT = "5.4"
# 5.5b at 80 is paid as 5.5c, 5.1 after 16 as 5.2: the group paid decides.
_COMBINABLE = CUMULATIVE_WITH_5_4


@dataclass(frozen=True, slots=True)
class Selection:
    paid: tuple[GroupCoefficient, ...]
    unpaid: tuple[GroupCoefficient, ...]

    @property
    def coefficient(self) -> Decimal:
        return sum((g.coefficient for g in self.paid), Decimal(0))


def select_paid(groups: Iterable[GroupCoefficient]) -> Selection:
    """Apply Art. 6.2 (ties broken by record id, so the result is deterministic)."""
    ranked = sorted(groups, key=lambda g: (-g.coefficient, g.record_id))
    if not ranked:
        return Selection((), ())
    options: list[tuple[GroupCoefficient, ...]] = [(ranked[0],)]
    single_parent = next((g for g in ranked if g.group == SINGLE_PARENT), None)
    other = next((g for g in ranked if g.group in _COMBINABLE), None)
    if single_parent is not None and other is not None:
        options.append((single_parent, other))
    best = max(options, key=lambda o: sum((g.coefficient for g in o), Decimal(0)))
    return Selection(best, tuple(g for g in ranked if g not in best))
