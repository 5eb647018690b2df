"""Versioned units, age bands, report scopes and the projection (plain Python)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from ansinh_common.errors import InvalidInput
from reporting.adapters.registry_events import fact_from_envelope
from reporting.domain.model import ChangeKind, EndMonth
from reporting.domain.projection import beneficiary_row, change_row
from reporting.domain.reports import Level, UnitQuality, ranked, unit_scope
from reporting.domain.rules.age_bands import age_in_month, band_of
from reporting.testing import OLD_COMMUNE, died, registered


def test_a_pre2025_commune_is_counted_under_both_codings() -> None:
    fact = fact_from_envelope(
        registered("r1", date(2024, 1, 1), catalog_version="pre2025", commune_code=OLD_COMMUNE)
    )
    assert fact is not None
    row = beneficiary_row(fact)
    assert row is not None
    units = row.units
    assert (units.commune_pre, units.district_pre, units.province_pre) == ("00001", "001", "01")
    assert (units.commune_2025, units.province_2025) == ("00097", "01")


def test_a_2025_commune_has_no_old_code() -> None:
    fact = fact_from_envelope(registered("r1", date(2025, 9, 1)))
    assert fact is not None
    row = beneficiary_row(fact)
    assert row is not None
    assert row.units.commune_2025 == "00004" and row.units.commune_pre is None


def test_death_ends_the_paid_months_and_is_a_change_of_its_month() -> None:
    fact = fact_from_envelope(died("r1", date(2025, 10, 17), version=2))
    assert fact is not None and fact.end is EndMonth.SET
    assert fact.end_month == date(2025, 10, 1)
    change = change_row(fact)
    assert change is not None
    assert (change.kind, change.month) == (ChangeKind.DEATH, date(2025, 10, 1))
    assert change.event_id == fact.event_id
    uuid.UUID(change.event_id)


def test_an_imported_record_is_not_a_new_beneficiary_of_its_month() -> None:
    fact = fact_from_envelope(registered("r1", date(2020, 1, 1), imported=True))
    assert fact is not None and change_row(fact) is None and beneficiary_row(fact) is not None


@pytest.mark.parametrize(
    ("birth", "month", "age", "band"),
    [
        (date(2010, 5, 1), date(2026, 4, 1), 15, "0-15"),
        (date(2010, 5, 1), date(2026, 5, 1), 16, "16-59"),
        (date(1946, 1, 1), date(2026, 1, 1), 80, "80+"),
        (date(1966, 2, 1), date(2026, 1, 1), 59, "16-59"),
    ],
)
def test_age_bands_by_month(birth: date, month: date, age: int, band: str) -> None:
    assert age_in_month(birth, month) == age
    assert band_of(age) == band


def test_district_level_only_before_the_merger() -> None:
    assert unit_scope("district", "001", date(2025, 6, 1)).column() == "district_pre"
    with pytest.raises(InvalidInput) as caught:
        unit_scope("district", "001", date(2025, 7, 1))
    assert caught.value.errors[0].field == "level"
    assert unit_scope("commune", "00097", date(2025, 7, 1)).column() == "commune_2025"
    assert unit_scope("country", "", date(2025, 7, 1)).level is Level.COUNTRY


@pytest.mark.parametrize(("level", "code"), [("province", "1"), ("ward", "01"), ("commune", "0x")])
def test_bad_scopes_name_the_field(level: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        unit_scope(level, code, date(2025, 8, 1))
    assert caught.value.errors[0].field in {"level", "unit_code"}


def test_units_rank_by_mean_share_of_fields() -> None:
    full = {"personal_id": 10, "ethnicity": 10}
    good = UnitQuality("00004", 10, full, dict(full))
    poor = UnitQuality("00001", 10, {"personal_id": 5, "ethnicity": 10}, dict(full))
    assert [u.unit_code for u in ranked([poor, good])] == ["00004", "00001"]
    assert poor.share("personal_id") == 0.5
    assert poor.share("account") == 1.0  # no record needs an account


def test_access_to_a_pre2025_unit_is_checked_on_its_2025_successor() -> None:
    from reporting.domain.rules.unit_versions import successor_2025

    assert successor_2025("commune", "00001") == "00097"
    assert successor_2025("district", "001") == "01"
    assert successor_2025("province", "02") == "08"  # Hà Giang merged into Tuyên Quang
