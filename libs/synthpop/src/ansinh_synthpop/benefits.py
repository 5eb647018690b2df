"""Beneficiary records (Decree 20/2021/NĐ-CP) and poverty records (the review's standard)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from ansinh_common.catalogs.assistance_categories import coefficient
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.catalogs.poverty_standards import PovertyStandard, PovertyStatus
from ansinh_synthpop.data import assistance as a
from ansinh_synthpop.data import poverty as pv
from ansinh_synthpop.households import (
    Member,
    age_between,
    around_adult,
    around_child_in_family,
    around_elderly,
    around_orphan,
    around_single_parent,
    is_male,
)
from ansinh_synthpop.people import age_on, birthday
from ansinh_synthpop.sampling import Weighted

EARLIEST_DECISION = date(2010, 1, 1)
DISABILITY_CERTIFICATES_FROM = date(2012, 6, 1)  # Law 51/2010 and Decree 28/2012 in force
NEW_CHANGE_DAYS = 92  # a decision this recent is listed as "new" (tăng mới)

# (lo, hi) whole-year age range of each group's beneficiary
AGE_RANGE: dict[str, tuple[int, int]] = {
    "5.1": (0, 15), "5.2": (16, 21), "5.3": (0, 15), "5.4": (20, 55), "5.5a": (60, 95),
    "5.5b": (75, 79), "5.5c": (80, 99), "5.5d": (60, 95), "5.7": (0, 2), "5.8": (20, 59),
}  # fmt: skip
_MALE_SHARE = {"5.4": 0.15, "5.8": 0.65}

_LEVELS = Weighted(sorted(a.DISABILITY_LEVEL_SHARES.items()))
_TYPES = Weighted(sorted(a.DISABILITY_TYPE_SHARES.items()))
_DISABILITY_BANDS = Weighted([((lo, hi), s) for lo, hi, s in a.DISABILITY_AGES])
_LEVEL_KEY = {"1": "especially_severe", "2": "severe"}


@dataclass(slots=True)
class Anchor:
    category: str
    age: float
    male: bool
    lo: int
    hi: int
    disability_type: str = ""
    disability_level: str = ""


def draw_anchor(rng: random.Random, category: str) -> Anchor:
    if category == "5.6":
        lo, hi = _DISABILITY_BANDS.pick(rng)
        age = age_between(rng, lo, hi)
        return Anchor(category, age, is_male(rng, age), lo, hi, _TYPES.pick(rng), _LEVELS.pick(rng))
    lo, hi = AGE_RANGE[category]
    age = age_between(rng, lo, hi)
    share = _MALE_SHARE.get(category)
    male = is_male(rng, age) if share is None else rng.random() < share
    return Anchor(category, age, male, lo, hi)


def household_for(rng: random.Random, anc: Anchor) -> tuple[list[Member], int]:
    """Members of the anchor's household and the anchor's index among them."""
    c = anc.category
    if c.startswith("5.5") or (c == "5.6" and anc.age >= 60):
        return around_elderly(rng, anc.age, anc.male, c)
    if c in ("5.1", "5.2", "5.3"):
        return around_orphan(rng, anc.age, anc.male)
    if c == "5.7" or (c == "5.6" and anc.age < 16):
        return around_child_in_family(rng, anc.age, anc.male)
    if c == "5.4":
        return around_single_parent(rng, anc.age, anc.male)
    return around_adult(rng, anc.age, anc.male)


def coefficient_condition(anc: Anchor, age: int) -> str:
    c = anc.category
    if c in ("5.1", "5.3"):
        return "under_4" if age < 4 else "from_4"
    if c == "5.5a":
        return "age_60_to_80" if age < 80 else "from_80"
    if c == "5.6":
        key = _LEVEL_KEY[anc.disability_level]
        return f"{key}_child_or_elderly" if age < 16 or age >= 60 else key
    if c == "5.4":
        return "per_child"
    return "default"


@cache
def coef(category: str, condition: str) -> Decimal:
    return coefficient(category, condition)


def eligible_from(rng: random.Random, category: str, birth: date, as_of: date) -> date:
    """When the person's condition for the group was first met (approximate)."""
    age_days = (as_of - birth).days
    if category == "5.5c":
        e = birthday(birth, 80)
    elif category == "5.5b":
        e = birthday(birth, 75)
    elif category == "5.2":
        e = birthday(birth, 16)
    elif category == "5.7":
        e = birth + timedelta(days=rng.randint(20, 90))
    elif category in ("5.5a", "5.5d"):
        e = max(birthday(birth, 60), as_of - timedelta(days=int(rng.random() * 15 * 365)))
    elif category == "5.6":
        e = max(birth + timedelta(days=int(rng.random() * age_days)), DISABILITY_CERTIFICATES_FROM)
    elif category in ("5.1", "5.3"):
        e = birth + timedelta(days=int(rng.random() * age_days))
    else:  # 5.4, 5.8
        e = as_of - timedelta(days=int(rng.random() * 10 * 365))
    return min(max(e, EARLIEST_DECISION), as_of - timedelta(days=1))


# Decree 20/2021/NĐ-CP Art. 8.1.đ: groups 5.5b and 5.5c are paid from the month the person
# turns full 75 / 80, however long after that the decision is signed (the months in between
# are paid as arrears, truy lĩnh); every other group from the month the decision is signed.
# The registry applies the same rule (``registry.domain.rules.payment_months.start_month``).
AGE_START: dict[str, int] = {"5.5b": 75, "5.5c": 80}


def decision_dates(
    rng: random.Random, category: str, birth: date, as_of: date
) -> tuple[date, tuple[int, int]]:
    """Decision date and first month paid (Decree 20/2021 Art. 8.1.đ, see ``AGE_START``).

    5.6 starts in the decision month too: by Art. 8.1.đ it starts in the month the
    disability certificate was issued, but the commune file has no certificate date, so the
    registry can only check (and the generator only writes) the decision month.
    """
    e = eligible_from(rng, category, birth, as_of)
    if rng.random() < 0.7:
        dec = e + timedelta(days=rng.randint(10, 120))
    else:
        dec = e + timedelta(days=int(rng.random() * max(1, (as_of - e).days)))
    dec = min(dec, as_of - timedelta(days=1))
    age = AGE_START.get(category)
    if age is not None:  # the month of the 75th / 80th birthday (never after ``dec``)
        return dec, (birth.year + age, birth.month)
    return dec, (dec.year, dec.month)


def authority(decision: date, merger: date, commune_name: str, district_name: str | None) -> str:
    """Who signed: the district chair before the two-tier reform, the commune chair after."""
    name = commune_name if decision >= merger or not district_name else district_name
    return f"UBND {name[:1].lower()}{name[1:]}"


# -- payment --------------------------------------------------------------------------------

_ACCOUNT = Weighted(sorted(a.ACCOUNT_CHANNEL_WEIGHTS.items()))
_CASH = Weighted(sorted(a.CASH_CHANNEL_WEIGHTS.items()))


def payment(rng: random.Random, account_share: float) -> tuple[str, str]:
    """(channel code, account number or "")."""
    if rng.random() >= account_share:
        return _CASH.pick(rng), ""
    ch = _ACCOUNT.pick(rng)
    digits = a.BANK_ACCOUNT_DIGITS.get(ch)
    if digits is not None:
        return ch, str(rng.randrange(10 ** (digits - 1), 10**digits))
    return ch, rng.choice(a.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


@cache
def channel_kind(code: str) -> str:
    return str(get_payment_channel(code).kind)


# -- poverty --------------------------------------------------------------------------------


class PovertyDrawer:
    """Income and deprivations consistent with a standard's classification rule."""

    def __init__(self, standard: PovertyStandard) -> None:
        self.standard = standard
        self.codes = [i.code for i in standard.indicators]
        self._indicators = Weighted(
            [(c, pv.INDICATOR_WEIGHTS.get(c, pv.DEFAULT_INDICATOR_WEIGHT)) for c in self.codes]
        )
        self._extra = Weighted(pv.POOR_EXTRA_DEPRIVATIONS)
        self._below = Weighted(pv.NEAR_POOR_DEPRIVATIONS_BELOW)

    def draw(self, rng: random.Random, area: str, poor: bool) -> tuple[int, list[str]]:
        st = self.standard
        lines = st.income[area]  # type: ignore[index]
        threshold = st.deprivation_threshold
        target = PovertyStatus.POOR if poor else PovertyStatus.NEAR_POOR
        for _ in range(100):
            if poor:
                k = min(len(self.codes), threshold + self._extra.pick(rng))
                lo, hi = pv.POOR_INCOME_RANGE
                income = lines.poor * rng.uniform(lo, hi)
            else:
                k = max(0, threshold - self._below.pick(rng))
                lo, hi = pv.NEAR_POOR_INCOME_RANGE
                base = lines.poor if lines.near_poor == lines.poor else lines.near_poor
                income = base * rng.uniform(lo, hi)
            inc = int(income) // 1000 * 1000
            if st.classify(area, inc, k) is target:
                return inc, self._pick_indicators(rng, k)
        raise RuntimeError(f"cannot draw a {target} household for standard {st.code}")

    def _pick_indicators(self, rng: random.Random, k: int) -> list[str]:
        chosen: set[str] = set()
        while len(chosen) < k:
            chosen.add(self._indicators.pick(rng))
        return [c for c in self.codes if c in chosen]


def children_counted_for_5_4(members: list[Member], birth_dates: list[date], as_of: date) -> int:
    """Children of a 5.4 single parent counted per child: under 16, or 16–22 (studying)."""
    n = 0
    for m, b in zip(members, birth_dates, strict=True):
        if m.relation == "child" and age_on(b, as_of) < 22:
            n += 1
    return max(n, 1)
