"""Household structures: who lives with whom, with ages and genders (no names or IDs yet).

A household is built around an optional *anchor* — the beneficiary it is generated for — so
that the anchor's group is plausible (an elderly person living alone or with an adult child's
family, an orphan with a grandparent, a single parent with children ...). Everyone else gets
ages from the national pyramid (:mod:`ansinh_synthpop.data.demography`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from ansinh_synthpop.data import demography as d
from ansinh_synthpop.sampling import Weighted


@dataclass(slots=True)
class Member:
    relation: str  # head, spouse, child, grandchild, parent, sibling, other
    age: float  # exact age in years at the snapshot date
    male: bool


@cache
def _ages(lo: int, hi: int) -> Weighted[int]:
    """Whole ages lo..hi weighted by the pyramid."""
    band = d.AGE_BAND_YEARS
    return Weighted(
        [(a, d.AGE_PYRAMID[min(a // band, len(d.AGE_PYRAMID) - 1)]) for a in range(lo, hi + 1)]
    )


@cache
def _head_ages() -> Weighted[int]:
    lo, hi = d.HEAD_AGE_RANGE
    band = d.AGE_BAND_YEARS
    return Weighted(
        [(a, d.AGE_PYRAMID[a // band] * min(1.0, (a - 18) / 25)) for a in range(lo, hi + 1)]
    )


_CHILDREN = Weighted(d.CHILDREN_COUNT)


def age_between(rng: random.Random, lo: int, hi: int) -> float:
    """An exact age in [lo, hi + 1) following the pyramid."""
    return _ages(lo, hi).pick(rng) + rng.random()


def is_male(rng: random.Random, age: float) -> bool:
    share = d.MALE_SHARE_BY_AGE[0][1]
    for lower, s in d.MALE_SHARE_BY_AGE:
        if age >= lower:
            share = s
    return rng.random() < share


def _spouse(rng: random.Random, head: Member) -> Member:
    gap = rng.uniform(0, 6)
    age = head.age - gap if head.male else head.age + gap
    return Member("spouse", max(18.0, min(age, 99.5)), not head.male)


def _children(rng: random.Random, parent_age: float, n: int, relation: str) -> list[Member]:
    out = []
    for _ in range(n):
        age = parent_age - rng.uniform(20, 38)
        if age >= 0:
            out.append(Member(relation, age, is_male(rng, age)))
    return out


def generic(rng: random.Random) -> list[Member]:
    """A household not built around a beneficiary."""
    age = _head_ages().pick(rng) + rng.random()
    head = Member("head", age, rng.random() < (0.75 if age < 60 else 0.55))
    return _family_around(rng, head)


def _family_around(rng: random.Random, head: Member) -> list[Member]:
    out = [head]
    if head.age < 60:
        if rng.random() < d.SPOUSE_SHARE_UNDER_60:
            out.append(_spouse(rng, head))
        out += _children(rng, head.age, _CHILDREN.pick(rng), "child")
        if rng.random() < d.ELDER_PARENT_SHARE:
            p = head.age + rng.uniform(20, 35)
            if p < 99:
                out.append(Member("parent", p, is_male(rng, p)))
    else:
        if rng.random() < d.SPOUSE_SHARE_FROM_60:
            out.append(_spouse(rng, head))
        if rng.random() < d.ADULT_CHILD_WITH_ELDERLY:
            out += _child_family(rng, head.age)
    return out


def _child_family(rng: random.Random, elder_age: float) -> list[Member]:
    """An adult child of an elderly person, with spouse and children."""
    age = max(18.0, elder_age - rng.uniform(22, 35))
    child = Member("child", age, rng.random() < 0.6)
    out = [child]
    if rng.random() < 0.8:
        sp = _spouse(rng, child)
        sp.relation = "other"  # son/daughter-in-law
        out.append(sp)
    out += _children(rng, age, rng.choice((0, 1, 1, 2, 2, 3)), "grandchild")
    return out


# -- anchored households --------------------------------------------------------------------

# (alone, couple, within an adult child's family) for an elderly anchor, by group
_ELDERLY_LIVING: dict[str, tuple[float, float, float]] = {
    "5.5a": (0.6, 0.4, 0.0),
    "5.5d": (1.0, 0.0, 0.0),
    "5.5b": (0.3, 0.3, 0.4),
    "5.5c": (0.12, 0.18, 0.70),
    "5.6": (0.1, 0.3, 0.6),
}


def around_elderly(
    rng: random.Random, age: float, male: bool, group: str
) -> tuple[list[Member], int]:
    alone, couple, _ = _ELDERLY_LIVING.get(group, (0.2, 0.3, 0.5))
    u = rng.random()
    anchor = Member("head", age, male)
    if u < alone:
        return [anchor], 0
    if u < alone + couple:
        return [anchor, _spouse(rng, anchor)], 0
    # lives in a son's or daughter's household: the child is the head
    fam = _child_family(rng, age)
    fam[0].relation = "head"
    anchor.relation = "parent"
    out = [*fam, anchor]
    if rng.random() < 0.35 and age < 92:
        sp = _spouse(rng, anchor)
        sp.relation = "parent"
        out.append(sp)
    return out, len(fam)


def around_child_in_family(rng: random.Random, age: float, male: bool) -> tuple[list[Member], int]:
    """A child living with their parents (5.6 child, 5.7)."""
    parent_age = age + rng.uniform(20, 38)
    head = Member("head", parent_age, rng.random() < 0.75)
    out = [head]
    if rng.random() < 0.85:
        out.append(_spouse(rng, head))
    idx = len(out)
    out.append(Member("child", age, male))
    out += _children(rng, parent_age, rng.choice((0, 1, 1, 2)), "child")
    return out, idx


def around_orphan(rng: random.Random, age: float, male: bool) -> tuple[list[Member], int]:
    """A child without parental support (5.1, 5.2, 5.3) living with a grandparent or relative."""
    if rng.random() < 0.6:
        g = min(age + rng.uniform(45, 65), 92.0)
        head = Member("head", g, rng.random() < 0.4)
        out = [head]
        if rng.random() < 0.5:
            out.append(_spouse(rng, head))
        rel = "grandchild"
    else:
        head = Member("head", age + rng.uniform(20, 40), rng.random() < 0.6)
        out = [head]
        if rng.random() < 0.7:
            out.append(_spouse(rng, head))
        out += _children(rng, head.age, rng.choice((0, 1, 2)), "child")
        rel = "other"
    idx = len(out)
    out.append(Member(rel, age, male))
    if rng.random() < 0.3:
        s = max(0.0, age + rng.uniform(-4, 4))
        out.append(Member(rel, s, is_male(rng, s)))
    return out, idx


def around_single_parent(rng: random.Random, age: float, male: bool) -> tuple[list[Member], int]:
    """A single parent (5.4) with 1–3 children, at least one under 16."""
    head = Member("head", age, male)
    n = rng.choice((1, 1, 2, 2, 2, 3))
    out = [head]
    youngest = rng.uniform(0, min(15.9, age - 18))
    out.append(Member("child", youngest, is_male(rng, youngest)))
    for _ in range(n - 1):
        a = min(youngest + rng.uniform(1, 8), age - 18, 22.5)
        out.append(Member("child", a, is_male(rng, a)))
    if rng.random() < 0.2:
        p = age + rng.uniform(20, 32)
        out.append(Member("parent", p, is_male(rng, p)))
    return out, 0


def around_adult(rng: random.Random, age: float, male: bool) -> tuple[list[Member], int]:
    """An adult under 60 (5.6, 5.8): head of their own family or living with their parents."""
    if rng.random() < 0.5 and age + 20 < 95:
        pa = age + rng.uniform(20, min(35, 95 - age))
        head = Member("head", pa, rng.random() < 0.6)
        out = [head]
        if rng.random() < 0.6:
            out.append(_spouse(rng, head))
        idx = len(out)
        out.append(Member("child", age, male))
        return out, idx
    head = Member("head", age, male)
    return _family_around(rng, head), 0
