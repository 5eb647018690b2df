"""What the reporting read side needs to know about a record (ADR 0022): no name, no number.

Attached to every event a record emits, so the reporting service can count beneficiaries by
unit, Art. 5 group, gender, age band, ethnicity and disability level, and measure the
data-quality campaign, without asking the registry (Decree 13/2023/NĐ-CP: the dimensions of
a statistic, never a person's identity; the birth month, not the date of birth).
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.domain.data_quality import findings
from registry.domain.months import Month
from registry.domain.state import RecordState


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingProfile:
    commune_code: str
    district_code: str | None = None
    catalog_version: str
    category_code: str
    gender: str
    birth_month: Month
    ethnicity_code: str | None = None
    disability_level_code: str | None = None
    care_support_households: int = 0
    payment_channel_code: str | None = None
    status: str
    # data-quality finding codes of the record (``data_quality.FindingCode`` values), sorted
    findings: tuple[str, ...] = ()


def profile_of(state: RecordState) -> ReportingProfile:
    person = state.person
    residence = person.residence
    return ReportingProfile(
        commune_code=residence.commune_code,
        district_code=residence.district_code,
        catalog_version=residence.catalog_version,
        category_code=state.category.code,
        gender=person.gender.value,
        birth_month=Month.of(person.birth_date),
        ethnicity_code=person.ethnicity_code,
        disability_level_code=state.disability.level_code if state.disability else None,
        care_support_households=len(state.care_support),
        payment_channel_code=state.payment.channel_code if state.payment else None,
        status=state.status.value,
        findings=tuple(sorted({f.code.value for f in findings(state)})),
    )
