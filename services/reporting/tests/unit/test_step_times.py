"""The step times from the duration histogram (ADR 0041) against the exact figures over the
single durations: the average exact, the p90 as ``percentile_cont(0.9)`` within a bucket."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from reporting.domain.step_times import (
    BUCKET_SECONDS,
    SECONDS_PER_DAY,
    StepBucket,
    bucket_of,
    step_times,
)


def _histogram(durations: dict[str, list[int]]) -> list[StepBucket]:
    cells: dict[tuple[str, int], list[int]] = defaultdict(list)
    for state, values in durations.items():
        for v in values:
            cells[state, bucket_of(v)].append(v)
    return [StepBucket(s, b, len(v), Decimal(sum(v))) for (s, b), v in cells.items()]


def _percentile_cont(values: list[int], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


def test_whole_hour_durations_give_the_exact_average_and_p90() -> None:
    rng = random.Random(41)
    durations = {
        "in_review": [rng.randint(0, 40 * 24) * 3600 for _ in range(257)],
        "submitted": [rng.randint(0, 3) * 86400 for _ in range(3)],
        "appraisal": [7 * 86400],
    }
    got = {s.state: s for s in step_times(_histogram(durations))}
    assert list(got) == ["appraisal", "in_review", "submitted"]
    for state, values in durations.items():
        assert got[state].count == len(values)
        assert got[state].average_days == round(sum(values) / len(values) / SECONDS_PER_DAY, 3)
        exact = _percentile_cont(values, 0.9) / SECONDS_PER_DAY
        assert got[state].p90_days == round(exact, 3)


def test_any_durations_give_the_exact_average_and_the_p90_within_one_bucket() -> None:
    rng = random.Random(7)
    values = [rng.randint(-7200, 30 * 86400) for _ in range(1000)]
    (got,) = step_times(_histogram({"in_review": values}))
    assert got.average_days == round(sum(values) / len(values) / SECONDS_PER_DAY, 3)
    exact = _percentile_cont(values, 0.9) / SECONDS_PER_DAY
    assert got.p90_days == pytest.approx(exact, abs=BUCKET_SECONDS / SECONDS_PER_DAY + 1e-3)


def test_empty_buckets_are_left_out() -> None:
    assert step_times([StepBucket("in_review", 3, 0, Decimal(0))]) == ()
    assert bucket_of(-1) == -1 and bucket_of(3599.9) == 0 and bucket_of(3600) == 1
