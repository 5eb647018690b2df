"""The payment service's own projection of entitlements (built from registry events).

A ``Beneficiary`` holds what the amount of any month depends on: the birth date, the groups of
Decree 20/2021/NĐ-CP Art. 5 the person is in (``Membership``, one per registry record, with the
decision, its start month and last paid month and the facts the coefficient depends on), the
care support of Art. 20 that their situation gives (``CareSupportClaim``) and the death date.
Nothing here is computed: the rules in ``rules/`` read these facts for a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from payment.domain.months import Month


class DisabilityLevel(StrEnum):
    """Levels of ``ansinh_common.catalogs.disability`` (Law 51/2010/QH12 Art. 3.2)."""

    ESPECIALLY_SEVERE = "especially_severe"
    SEVERE = "severe"
    MILD = "mild"


class PovertyStatus(StrEnum):
    POOR = "poor"  # hộ nghèo
    NEAR_POOR = "near_poor"  # hộ cận nghèo
    NONE = "none"


@dataclass(frozen=True, slots=True)
class DecisionRef:
    """The decision that granted or changed the benefit (number and signing date)."""

    number: str
    signed_on: date


@dataclass(frozen=True, slots=True)
class Child:
    """A child raised by a 5.4 single parent or a disabled parent (care support, Art. 20).

    ``studying_through`` is the last month the child is certified as studying (general school,
    vocational training, college or a first university degree), ``None`` if not studying.
    ``birth_date`` is ``None`` when the registry recorded only the number of children (a 5.4
    decision counts them; a new decision changes the count, ADR 0027): such a child is counted
    for 5.4 and never as under 36 months for C2.
    """

    birth_date: date | None
    studying_through: Month | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """One group of Art. 5 the person is in, as one registry record grants it.

    ``start_month`` is the first month owed (Art. 8: the decision month, or the 75th/80th
    birthday month for 5.5b/5.5c, or the month of the disability certificate; the registry
    computes it), ``end_month`` the last month owed (death, stop or move; ``None`` while open).
    """

    record_id: str
    group: str  # "5.1" … "5.8", "5.5a" … "5.5d"
    decision: DecisionRef
    start_month: Month
    end_month: Month | None = None
    disability_level: DisabilityLevel | None = None  # 5.6
    studying_through: Month | None = None  # 5.1 continuing as 5.2 after 16
    poverty: PovertyStatus | None = None  # 5.3, 5.4, 5.5a, 5.5b, 5.7, 5.8
    children: tuple[Child, ...] = ()  # 5.4: the children raised
    # a record imported from a legacy system: the last month that system paid (ADR 0033);
    # ``start_month`` is then the month after it, and ExplainMonth says so for the months before
    paid_through: Month | None = None

    def in_force(self, month: Month) -> bool:
        """The decision covers ``month`` (age rules may still exclude it)."""
        return self.start_month <= month and (self.end_month is None or month <= self.end_month)


class CareKind(StrEnum):
    """Care support of Art. 20, catalog codes of ``assistance_categories`` ("C1" … "C4")."""

    FOSTERING = "C1"  # fostering a 5.1 child or a 5.5d elderly person
    DISABLED_PARENT = "C2"  # disabled person pregnant or raising children under 36 months
    FAMILY_CARE = "C3"  # household directly caring for a person with especially severe disability
    FOSTERING_DISABLED = "C4"  # fostering a person with especially severe disability


@dataclass(frozen=True, slots=True)
class CareSupportClaim:
    """Care support that the beneficiary's situation gives, paid to ``payee_id``.

    The beneficiary is the person cared for (C1, C3, C4; the payee is the caring household or
    person) or, for C2, the disabled parent themselves (payee = the beneficiary), paid on top of
    their own 5.6 allowance. ``pregnant_from``/``pregnant_through`` and ``children`` are C2's
    facts.
    """

    claim_id: str
    kind: CareKind
    payee_id: str
    decision: DecisionRef
    start_month: Month
    end_month: Month | None = None
    pregnant_from: Month | None = None
    pregnant_through: Month | None = None
    children: tuple[Child, ...] = ()

    def in_force(self, month: Month) -> bool:
        return self.start_month <= month and (self.end_month is None or month <= self.end_month)

    def pregnant_in(self, month: Month) -> bool:
        if self.pregnant_from is None or self.pregnant_through is None:
            return False
        return self.pregnant_from <= month <= self.pregnant_through


@dataclass(frozen=True, slots=True)
class Beneficiary:
    """The entitlement projection of one person in one province (the shard key)."""

    beneficiary_id: str
    personal_id: str | None
    birth_date: date
    province_code: str
    commune_code: str
    memberships: tuple[Membership, ...] = ()
    care_support: tuple[CareSupportClaim, ...] = ()
    died_on: date | None = None

    @property
    def death_month(self) -> Month | None:
        return Month.of(self.died_on) if self.died_on is not None else None

    def alive_in(self, month: Month) -> bool:
        """Paid up to and including the month of death, nothing after (Art. 8)."""
        death = self.death_month
        return death is None or month <= death

    def earliest_start(self) -> Month | None:
        starts = [m.start_month for m in self.memberships]
        starts += [c.start_month for c in self.care_support]
        return min(starts) if starts else None
