"""The figures of a review's report for a unit (commune, province): counts, rates, movements.

The unit's households keep their status unless the review decided a new one. Counts and rates
of poor and near-poor households are over all households of the unit after the review; entries
and exits compare each decided household's previous and new status; deprivations are counted
per indicator over the poor and near-poor households the review decided (the others were not
surveyed). Rates are percentages rounded half up to two decimals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ansinh_common.errors import InvalidInput
from poverty.domain.errors import field_error
from poverty.domain.model import HouseholdStatus
from poverty.domain.review import DecidedHousehold

P = HouseholdStatus


@dataclass(frozen=True, slots=True)
class ReviewFigures:
    households: int
    poor: int
    near_poor: int
    poor_rate: Decimal  # % of households
    near_poor_rate: Decimal
    entered_poverty: int  # newly poor
    entered_near_poverty: int  # newly near-poor (not from poor)
    left_poverty: int  # poor before, not poor now (near-poor included)
    left_near_poverty: int  # near-poor before, neither poor nor near-poor now
    deprivations: Mapping[str, int]  # indicator code -> poor or near-poor households deprived


def _rate(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def review_figures(
    households: int,
    before: Mapping[str, HouseholdStatus],
    decided: Iterable[DecidedHousehold],
) -> ReviewFigures:
    """Figures after a review of a unit with ``households`` households.

    ``before`` holds the status of the unit's households before the review (at least every
    poor and near-poor one); ``decided`` the review's decisions.
    """
    after = dict(before)
    moves: Counter[str] = Counter()
    deprivations: Counter[str] = Counter()
    for d in decided:
        after[d.household_id] = d.status
        prev, new = d.previous_status, d.status
        if new is P.POOR and prev is not P.POOR:
            moves["entered_poverty"] += 1
        if new is P.NEAR_POOR and not prev.is_poor_or_near_poor:
            moves["entered_near_poverty"] += 1
        if prev is P.POOR and new is not P.POOR:
            moves["left_poverty"] += 1
        if prev is P.NEAR_POOR and not new.is_poor_or_near_poor:
            moves["left_near_poverty"] += 1
        if new.is_poor_or_near_poor:
            deprivations.update(d.change.deprivations)
    if households < len(after):
        raise InvalidInput(
            errors=[field_error("households", "ít hơn số hộ đã có trạng thái trong đơn vị")]
        )
    poor = sum(1 for s in after.values() if s is P.POOR)
    near = sum(1 for s in after.values() if s is P.NEAR_POOR)
    return ReviewFigures(
        households=households,
        poor=poor,
        near_poor=near,
        poor_rate=_rate(poor, households),
        near_poor_rate=_rate(near, households),
        entered_poverty=moves["entered_poverty"],
        entered_near_poverty=moves["entered_near_poverty"],
        left_poverty=moves["left_poverty"],
        left_near_poverty=moves["left_near_poverty"],
        deprivations=dict(sorted(deprivations.items())),
    )
