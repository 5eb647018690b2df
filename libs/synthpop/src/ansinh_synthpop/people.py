"""Persons: names, birth dates, ethnicity, birth province and personal ID numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_synthpop.data.provinces import OLD_PROVINCE_BY_CODE, OLD_PROVINCES
from ansinh_synthpop.sampling import Weighted

MERGER_DATE = date(2025, 7, 1)  # births registered from here on use the 2025 province code
URBAN_KINH_BOOST = 4.0  # Kinh are concentrated in the towns of mountain provinces
_SCRAMBLE_A = 747_677  # odd, not a multiple of 5: a bijection of 0..999999
_SCRAMBLE_B = 318_511
DAYS_PER_YEAR = 365.2425


@dataclass(slots=True)
class Person:
    person_id: int
    household_id: int
    relation: str
    family: str
    middle: str
    given: str
    full: str
    male: bool
    birth: date
    ethnicity: str  # "" when missing
    personal_id: str  # "" when missing
    birth_province: str  # 3-digit birth-registration code


def age_on(birth: date, on: date) -> int:
    """Age in whole years on a date."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def birthday(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return date(birth.year + years, 2, 28)


def birth_date(as_of: date, age: float) -> date:
    return as_of - timedelta(days=int(age * DAYS_PER_YEAR) + 1)


def clamp_age(birth: date, as_of: date, lo: int, hi: int) -> date:
    """Move a birth date by days until the age on ``as_of`` is within [lo, hi]."""
    while age_on(birth, as_of) < lo:
        birth -= timedelta(days=1)
    while age_on(birth, as_of) > hi:
        birth += timedelta(days=1)
    return birth


@cache
def ethnicity_table(old_province: str, urban: bool) -> Weighted[str]:
    mix = dict(OLD_PROVINCE_BY_CODE[old_province].ethnic_mix or {"01": 100.0})
    total = sum(mix.values())
    mix["01"] = mix.get("01", 0.0) + max(0.0, 100.0 - total)  # rest of the population: Kinh
    if urban:
        mix["01"] *= URBAN_KINH_BOOST
    return Weighted(sorted(mix.items()))


@cache
def national_birth_provinces() -> Weighted[str]:
    return Weighted([(p.code, p.population_k) for p in OLD_PROVINCES])


def scramble(serial: int, province3: str, male: bool, year: int) -> int:
    """A bijection of 0..999999 chosen per bucket, so that serials look random."""
    offset = int(province3) * 15_485_863 + year * 7_919 + male * 104_729 + _SCRAMBLE_B
    return (serial * _SCRAMBLE_A + offset) % 1_000_000


class IdAllocator:
    """Unique ID serials per (birth province, gender, birth year) within a commune's range.

    Each commune owns a slice of the serial space proportional to its planned size
    (:mod:`ansinh_synthpop.plan`), so serials never collide across communes or provinces
    without any shared state; inside the slice they are handed out in order and scrambled by a
    bijection so that they look random. ``overflow`` counts serials that had to wrap around
    (possible only far beyond national scale).
    """

    __slots__ = ("_counters", "_end", "_start", "overflow")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, max(end, start + 1)
        self._counters: dict[tuple[str, bool, int], int] = {}
        self.overflow = 0

    def make(self, province3: str, male: bool, year: int) -> str:
        key = (province3, male, year)
        n = self._counters.get(key, 0)
        self._counters[key] = n + 1
        size = self._end - self._start
        if n >= size:
            self.overflow += 1
            n %= size
        serial = scramble(self._start + n, province3, male, year)
        return make_personal_id(province3, "male" if male else "female", year, serial)


def pick_birth_province(rng: random.Random, home: Weighted[str], migrant_share: float) -> str:
    """A pre-2025 province code (2 digits): the commune's own, or anywhere for migrants."""
    if rng.random() < migrant_share:
        return national_birth_provinces().pick(rng)
    return home.pick(rng)
