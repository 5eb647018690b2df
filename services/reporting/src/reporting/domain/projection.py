"""A registry fact → the rows of the read models (pure; the adapter upserts them).

Replaying the same facts gives the same rows: the beneficiary row is taken only when its
version is newer than the stored one, the change row is keyed by the event id.
"""

from __future__ import annotations

from reporting.domain.model import BeneficiaryRow, ChangeRow, RegistryFact
from reporting.domain.rules.unit_versions import unit_codes


def beneficiary_row(fact: RegistryFact) -> BeneficiaryRow | None:
    if fact.profile is None:
        return None
    return BeneficiaryRow(
        record_id=fact.record_id,
        province_code=fact.province_code,
        version=fact.version,
        units=unit_codes(fact.profile, fact.province_code),
        profile=fact.profile,
        start_month=fact.start_month,
        end=fact.end,
        end_month=fact.end_month,
    )


def change_row(fact: RegistryFact) -> ChangeRow | None:
    if fact.change is None or fact.change_month is None or fact.profile is None:
        return None
    return ChangeRow(
        event_id=fact.event_id,
        record_id=fact.record_id,
        kind=fact.change,
        month=fact.change_month,
        units=unit_codes(fact.profile, fact.province_code),
        category_code=fact.profile.category_code,
    )
