"""Poor and near-poor households (approximate national figures).

About 1.5 million poor + near-poor households at national scale (results of the 2022–2024
reviews under Decree 07/2021/NĐ-CP were in the order of 0.8–1.1 M poor and 0.8–0.9 M near-poor
households, falling each year); ``POOR_SHARE`` of them poor. Incomes are drawn below the
standard's income line, deprivations by class (poor: ≥ threshold, near-poor: below), and
every record is checked with ``PovertyStandard.classify``.
"""

from __future__ import annotations

POOR_SHARE = 0.52
POOR_INCOME_RANGE = (0.35, 1.0)  # × income line (poor)
NEAR_POOR_INCOME_RANGE = (0.6, 1.0)  # × income line (near-poor; checked against the standard)
POOR_EXTRA_DEPRIVATIONS: tuple[tuple[int, float], ...] = (
    (0, 30),
    (1, 25),
    (2, 18),
    (3, 12),
    (4, 8),
    (5, 7),
)  # fmt: skip  (added to the standard's threshold)
NEAR_POOR_DEPRIVATIONS_BELOW: tuple[tuple[int, float], ...] = ((1, 35), (2, 35), (3, 30))
# (threshold − n for near-poor: 1 → threshold−1 deprivations …)

# How often each indicator is deprived among poor households (relative; by indicator code of
# the catalog; others default to DEFAULT_INDICATOR_WEIGHT).
INDICATOR_WEIGHTS: dict[str, float] = {
    "employment": 0.25, "dependants": 0.35, "nutrition": 0.15, "health_insurance": 0.15,
    "adult_education": 0.30, "child_school_attendance": 0.10, "housing_quality": 0.35,
    "housing_area": 0.25, "drinking_water": 0.20, "sanitation": 0.45, "telecom_use": 0.30,
    "information_access_means": 0.40,
}  # fmt: skip
DEFAULT_INDICATOR_WEIGHT = 0.25
