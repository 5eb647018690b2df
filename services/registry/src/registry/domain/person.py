"""The person a beneficiary record is about (đối tượng): identity, residence and contact."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ansinh_common.catalogs.personal_id import Gender

__all__ = ["Contact", "Gender", "Person", "Residence"]


@dataclass(frozen=True, slots=True)
class Residence:
    """The administrative unit where the person lives (the shard key is ``province_code``).

    Unit codes are read in ``catalog_version`` ("pre2025": province/district/commune,
    "2025": province/commune, district abolished by Resolution 202/2025/QH15). Old records
    keep their old units; mapping them to the 2025 catalog is a reading concern.
    """

    province_code: str
    commune_code: str
    district_code: str | None = None
    catalog_version: str = "2025"


@dataclass(frozen=True, slots=True)
class Contact:
    phone: str | None = None
    address: str | None = None  # house number, street, village (thôn/ấp/tổ)


@dataclass(frozen=True, slots=True)
class Person:
    """Personal information: what the person (or their representative) may update themselves.

    ``personal_id`` is the 12-digit number (or a legacy 9-digit CMND); ``None`` when missing,
    which is a data-quality finding, not a reason to refuse the record (DOMAIN.md, data rules).
    """

    full_name: str
    birth_date: date
    gender: Gender
    residence: Residence
    personal_id: str | None = None
    ethnicity_code: str | None = None
    contact: Contact = field(default_factory=Contact)

    def age_on(self, day: date) -> int:
        """Full years of age on ``day``."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def month_turning(self, age: int) -> tuple[int, int]:
        """(year, month) in which the person reaches full ``age`` years."""
        return (self.birth_date.year + age, self.birth_date.month)
