"""Low-income workers (người lao động có thu nhập thấp), marked per member.

A member of working age (15 or older) who works (member fact ``works``) in a household that is
neither poor nor near-poor and whose measured income per person is at or below the standard's
middle-living line (2.25 M VND rural / 3.0 M VND urban under the 2022-2025 standard). Only
standards with a middle-living line and a measured income can mark them; the scored survey's
bands do not tell the middle band apart. Working age and the "works" fact are not verified
against the decree's text.
"""

from __future__ import annotations

from poverty.domain.model import HouseholdStatus
from poverty.domain.rules.classification import Classification
from poverty.domain.standards import IncomeBand
from poverty.domain.survey import Survey

LEGAL_BASIS = "Decree 30/2025/NĐ-CP (amending Decree 07/2021/NĐ-CP: low-income workers)"

WORKING_AGE_FROM = 15  # not verified


def low_income_workers(survey: Survey, classification: Classification) -> frozenset[str]:
    if classification.status.is_poor_or_near_poor or classification.status is HouseholdStatus.NONE:
        return frozenset()
    if classification.income_band is not IncomeBand.MIDDLE_BAND:
        return frozenset()
    return frozenset(
        m.member_id
        for m in survey.members
        if m.age_on(survey.surveyed_on) >= WORKING_AGE_FROM and m.facts.get("works") is True
    )
