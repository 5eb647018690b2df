"""Age pyramid, sex ratios and household structure (approximate, Vietnam 2024).

* ``AGE_PYRAMID``: share of the population in 5-year bands 0–4 … 95–99, rounded from the
  General Statistics Office's population projections / 2024 mid-year estimates (Vietnam's
  pyramid: a broad working-age middle, 0–14 ≈ 23 %, 60+ ≈ 14 %). Used for the ages of
  household members who are not the beneficiary the household is built around.
* ``MALE_SHARE_BY_AGE``: share of men per age band (sex ratio at birth ≈ 111 boys per 100
  girls; women outnumber men from about 60 and are nearly two thirds of those over 80).
* Household structure: coarse shares from the 2019 census (average household size ≈ 3.5;
  elderly living alone or as a couple ≈ a quarter of elderly households).
"""

from __future__ import annotations

AGE_BAND_YEARS = 5
AGE_PYRAMID: tuple[float, ...] = (
    7.0, 8.0, 7.6, 6.8, 6.6, 7.5, 8.0, 8.0, 7.2, 6.6,  # 0–4 … 45–49
    6.0, 5.4, 4.7, 3.6, 2.4, 1.5, 1.0, 0.7, 0.3, 0.1,  # 50–54 … 95–99
)  # fmt: skip
MAX_AGE = 100

# (lower age bound, male share); the last bound that is <= age applies.
MALE_SHARE_BY_AGE: tuple[tuple[int, float], ...] = (
    (0, 0.526), (20, 0.505), (40, 0.495), (60, 0.46), (70, 0.42), (80, 0.36), (90, 0.30),
)  # fmt: skip

# Number of children of a couple household (head under 60).
CHILDREN_COUNT: tuple[tuple[int, float], ...] = ((0, 14), (1, 26), (2, 40), (3, 15), (4, 5))
SPOUSE_SHARE_UNDER_60 = 0.86
SPOUSE_SHARE_FROM_60 = 0.58
ELDER_PARENT_SHARE = 0.14  # head under 60 living with one of their parents
ADULT_CHILD_WITH_ELDERLY = 0.45  # head from 60 living with an adult child's family
HEAD_AGE_RANGE = (22, 90)
