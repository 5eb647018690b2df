"""Calendar months as (year, month): allowances are decided and paid per month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month; ordered, so ``Month(2024, 7) < Month(2024, 8)``."""

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

    def next(self) -> Month:
        """The following month."""
        if self.month == 12:
            return Month(self.year + 1, 1)
        return Month(self.year, self.month + 1)

    def previous(self) -> Month:
        """The preceding month."""
        if self.month == 1:
            return Month(self.year - 1, 12)
        return Month(self.year, self.month - 1)

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def contains(self, day: date) -> bool:
        return day.year == self.year and day.month == self.month

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
