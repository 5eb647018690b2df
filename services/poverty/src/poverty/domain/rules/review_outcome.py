"""What the commune chair recognises from the previous status and the new classification.

A household classified poor or near-poor is recognised as such. A household that was poor and
is now above the line has left poverty (thoát nghèo); one that was near-poor has left
near-poverty (thoát cận nghèo). A poor household now near-poor is recognised near-poor and has
also left poverty (the ``HouseholdLeftPoverty`` event is raised for both).
"""

from __future__ import annotations

from poverty.domain.model import HouseholdStatus

LEGAL_BASIS = (
    "Decision 24/2021/QĐ-TTg (recognition of poor, near-poor, left poverty, left near-poverty)"
)

_WAS_POOR = (HouseholdStatus.POOR,)
_WAS_NEAR_POOR = (HouseholdStatus.NEAR_POOR,)


def recognised_status(previous: HouseholdStatus, classified: HouseholdStatus) -> HouseholdStatus:
    if classified.is_poor_or_near_poor:
        return classified
    if previous in _WAS_POOR:
        return HouseholdStatus.LEFT_POVERTY
    if previous in _WAS_NEAR_POOR:
        return HouseholdStatus.LEFT_NEAR_POVERTY
    return classified


def left_poverty(previous: HouseholdStatus, recognised: HouseholdStatus) -> bool:
    return previous is HouseholdStatus.POOR and recognised is not HouseholdStatus.POOR


def left_near_poverty(previous: HouseholdStatus, recognised: HouseholdStatus) -> bool:
    return previous is HouseholdStatus.NEAR_POOR and not recognised.is_poor_or_near_poor
