"""Several categories: only the highest is paid, with the single-parent exception.

A person in several groups of Art. 5 receives only the single highest allowance; a poor or
near-poor single parent raising children (5.4) who is also in 5.5, 5.6 or 5.8 receives the 5.4
allowance **and** that one. Amounts are standard level × coefficient with one standard level
for the person, so comparing coefficients compares amounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ansinh_common.catalogs.assistance_categories import CUMULATIVE_WITH_5_4
from registry.domain.category import CategoryRef

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 6.2"


@dataclass(frozen=True, slots=True)
class Entitlement:
    """One active record of the person: what it would pay on its own."""

    record_id: str
    category: CategoryRef
    coefficient: Decimal


@dataclass(frozen=True, slots=True)
class PaidSelection:
    """Which of a person's records are paid; the others stay registered but unpaid."""

    paid: tuple[Entitlement, ...]
    unpaid: tuple[Entitlement, ...]

    @property
    def coefficient(self) -> Decimal:
        return sum((e.coefficient for e in self.paid), Decimal(0))

    def is_paid(self, record_id: str) -> bool:
        return any(e.record_id == record_id for e in self.paid)


def select_paid(entitlements: Iterable[Entitlement]) -> PaidSelection:
    """Apply Art. 6.2 to a person's active records (deterministic on ties: record id)."""
    ranked = sorted(entitlements, key=lambda e: (-e.coefficient, e.record_id))
    if not ranked:
        return PaidSelection((), ())
    options: list[tuple[Entitlement, ...]] = [(ranked[0],)]
    single_parent = next((e for e in ranked if e.category.is_single_parent()), None)
    combinable = next((e for e in ranked if e.category.code in CUMULATIVE_WITH_5_4), None)
    if single_parent is not None and combinable is not None:
        options.append((single_parent, combinable))
    best = max(options, key=lambda o: sum((e.coefficient for e in o), Decimal(0)))
    return PaidSelection(best, tuple(e for e in ranked if e not in best))
