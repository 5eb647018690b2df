"""Calendar months as (year, month): allowances are owed and paid per month.

Ages follow the birth date month by month: a rule that depends on age applies from the month
the condition is met (Decree 20/2021/NĐ-CP Art. 8), so the age that counts for a month is the
age reached by the end of that month (``age_in``): a child born on 20 May 2021 counts as 4 in
May 2025.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month; ordered, so ``Month(2024, 6) < Month(2024, 7)``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1–12, got {self.month}")
        if not 1900 <= self.year <= 2399:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def of(cls, day: date) -> Month:
        """The month containing ``day``."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """``"2024-07"`` → ``Month(2024, 7)``; raises ``ValueError``."""
        year, _, month = text.partition("-")
        return cls(int(year), int(month))

    def plus(self, months: int) -> Month:
        """The month ``months`` later (earlier if negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def next(self) -> Month:
        return self.plus(1)

    def previous(self) -> Month:
        return self.plus(-1)

    def months_since(self, other: Month) -> int:
        """Whole months from ``other`` to this month (negative if ``other`` is later)."""
        return (self.year - other.year) * 12 + self.month - other.month

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def day(self, day: int) -> date:
        return date(self.year, self.month, day)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def shown(self) -> str:
        """As users read a month: "MM/YYYY"."""
        return f"{self.month:02d}/{self.year:04d}"


def months_between(first: Month, last: Month) -> Iterator[Month]:
    """Every month from ``first`` to ``last``, both included (nothing if ``last < first``)."""
    current = first
    while current <= last:
        yield current
        current = current.next()


def age_in(birth_date: date, month: Month) -> int:
    """Full years reached by the end of ``month`` (the birthday month counts as reached)."""
    return month.year - birth_date.year - (1 if month.month < birth_date.month else 0)


def month_turning(birth_date: date, age: int) -> Month:
    """The month in which the person reaches full ``age`` years."""
    return Month(birth_date.year + age, birth_date.month)


def age_in_months(birth_date: date, month: Month) -> int:
    """Full months of age reached by the end of ``month`` (0 in the birth month)."""
    return month.months_since(Month.of(birth_date))
