"""Deterministic sampling helpers: weighted tables, apportionment, seed derivation."""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


def derive_rng(seed: int, *parts: object) -> random.Random:
    """A generator seeded from ``seed`` and a path of labels (independent streams).

    Seeding from a string hashes it with SHA-512 (``random.seed`` version 2), which does
    not depend on PYTHONHASHSEED, the platform or the process: the same labels give the same
    stream everywhere.
    """
    return random.Random(":".join([str(seed), *map(str, parts)]))


def stable_uniform(*parts: object) -> float:
    """A number in [0, 1) fixed by its labels (seed-independent geography, e.g. jitter)."""
    h = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(h[:7], "big") / float(1 << 56)


class Weighted(Generic[T]):
    """Items with weights; ``pick`` draws one with a single ``rng.random()``."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, items: Sequence[tuple[T, float]]) -> None:
        kept = [(i, float(w)) for i, w in items if w > 0]
        if not kept:
            raise ValueError("no item with a positive weight")
        self._items = [i for i, _ in kept]
        self._cum = list(accumulate(w for _, w in kept))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect(self._cum, rng.random() * self._total)]

    @property
    def items(self) -> list[T]:
        return list(self._items)

    def probability(self, item: T) -> float:
        out = 0.0
        prev = 0.0
        for i, c in zip(self._items, self._cum, strict=True):
            if i == item:
                out += c - prev
            prev = c
        return out / self._total


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder, stable)."""
    s = float(sum(weights))
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    quotas = [total * w / s for w in weights]
    out = [int(q) for q in quotas]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out
