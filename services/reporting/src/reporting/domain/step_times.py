"""The average and p90 time per step from a histogram of step durations (ADR 0041).

The projection keeps, per unit, month and state left, the number of steps and the sum of
their durations (exact, in seconds) in buckets of :data:`BUCKET_SECONDS`. So the average is
exact, and the p90 is the one ``percentile_cont(0.9)`` gives over the single durations with
each duration replaced by the mean of its bucket: exact when the durations that meet in a
bucket are equal, never further from it than one bucket's width (one hour). Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reporting.domain.procedures import ProcedureStepTime

BUCKET_SECONDS = 3600
"""The width of a duration bucket: one hour (the p90's precision)."""
SECONDS_PER_DAY = 86400
P90 = 0.9


@dataclass(frozen=True, slots=True)
class StepBucket:
    """The steps that left ``state`` in one duration bucket: how many, their total seconds."""

    state: str
    bucket: int
    steps: int
    seconds: Decimal


def bucket_of(seconds: float) -> int:
    """The bucket of a duration (floor, so a negative duration has its own buckets)."""
    return int(seconds // BUCKET_SECONDS)


def step_times(buckets: Iterable[StepBucket]) -> tuple[ProcedureStepTime, ...]:
    """Per state (in order): count, exact average and p90 of the durations, in days."""
    by_state: dict[str, list[StepBucket]] = {}
    for b in buckets:
        if b.steps > 0:
            by_state.setdefault(b.state, []).append(b)
    return tuple(_one(state, by_state[state]) for state in sorted(by_state))


def _one(state: str, buckets: list[StepBucket]) -> ProcedureStepTime:
    ordered = sorted(buckets, key=lambda b: b.bucket)
    count = sum(b.steps for b in ordered)
    total = sum((b.seconds for b in ordered), Decimal(0))
    average = float(total / count) / SECONDS_PER_DAY
    position = P90 * (count - 1)  # percentile_cont: between the ranks floor and ceil
    low = int(position)
    low_value, high_value = _at_rank(ordered, low), _at_rank(ordered, min(low + 1, count - 1))
    p90 = low_value + (position - low) * (high_value - low_value)
    return ProcedureStepTime(state, count, round(average, 3), round(p90 / SECONDS_PER_DAY, 3))


def _at_rank(ordered: list[StepBucket], rank: int) -> float:
    """The duration of the ``rank``-th step (0-based, ascending), as its bucket's mean."""
    seen = 0
    for b in ordered:
        seen += b.steps
        if rank < seen:
            return float(b.seconds / b.steps)
    raise ValueError(rank)
