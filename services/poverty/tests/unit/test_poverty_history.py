"""Households and their status history, queried as of a date."""

from __future__ import annotations

import datetime as dt

import pytest

from ansinh_common.catalogs.personal_id import Gender
from poverty.domain.errors import HouseholdInvalid
from poverty.domain.model import HouseholdStatus, Relation, StatusChange, StatusHistory, age_on

from .poverty_builders import household, member


def _change(status: HouseholdStatus, on: dt.date, year: int, **kw: object) -> StatusChange:
    return StatusChange(year, status, on, f"QĐ {on:%d%m}", "chair-1", "2022-2025", **kw)  # type: ignore[arg-type]


def test_left_poverty_in_march_is_poor_in_february_and_not_in_april() -> None:
    h = StatusHistory("H1")
    h.record(
        _change(HouseholdStatus.POOR, dt.date(2024, 12, 10), 2024, deprivations=("sanitation",))
    )
    h.record(_change(HouseholdStatus.LEFT_POVERTY, dt.date(2025, 3, 20), 2025))
    assert h.as_of(dt.date(2024, 12, 9)) is HouseholdStatus.NONE
    assert h.as_of(dt.date(2025, 2, 15)) is HouseholdStatus.POOR
    assert h.is_poor_or_near_poor_on(dt.date(2025, 2, 15))
    assert h.as_of(dt.date(2025, 3, 20)) is HouseholdStatus.LEFT_POVERTY  # from the decision day
    assert not h.is_poor_or_near_poor_on(dt.date(2025, 4, 1))
    assert {y: c.status for y, c in h.by_year().items()} == {
        2024: HouseholdStatus.POOR,
        2025: HouseholdStatus.LEFT_POVERTY,
    }
    change = h.change_as_of(dt.date(2025, 1, 1))
    assert change is not None and change.decision_number == "QĐ 1012"


def test_a_change_may_not_take_effect_before_the_last_one() -> None:
    h = StatusHistory("H1")
    h.record(_change(HouseholdStatus.NEAR_POOR, dt.date(2025, 12, 10), 2025))
    with pytest.raises(HouseholdInvalid):
        h.record(_change(HouseholdStatus.POOR, dt.date(2025, 11, 1), 2025))
    assert len(h.changes) == 1


def test_low_income_worker_is_marked_per_member_and_dated() -> None:
    h = StatusHistory("H1")
    h.record(
        _change(
            HouseholdStatus.AVERAGE_LIVING,
            dt.date(2025, 12, 1),
            2025,
            low_income_members=frozenset({"m1"}),
        )
    )
    assert h.low_income_worker_on("m1", dt.date(2025, 12, 2))
    assert not h.low_income_worker_on("m2", dt.date(2025, 12, 2))
    assert not h.low_income_worker_on("m1", dt.date(2025, 11, 30))


def test_household_has_one_head_and_consistent_members() -> None:
    hh = household()
    assert hh.head.member_id == "m1" and hh.member("m2").relation is Relation.SPOUSE
    assert HouseholdStatus.LEFT_POVERTY.label == "Hộ thoát nghèo"
    bad_id = member("m2", Relation.SPOUSE, dt.date(1982, 3, 2), Gender.FEMALE, 12)
    wrong = type(bad_id)(
        "m2",
        "Lò Thị Mai",
        bad_id.national_id,
        Relation.HEAD,
        dt.date(1990, 1, 1),
        Gender.MALE,
        "99",
    )
    with pytest.raises(HouseholdInvalid) as err:
        household(members=(household().members[0], wrong, wrong))
    fields = {e.field for e in err.value.errors}
    assert {
        "members",
        "members[1].national_id",
        "members[1].ethnicity_code",
        "members[2].member_id",
    } <= fields
    assert err.value.http_status == 422


def test_age_on_counts_whole_years() -> None:
    assert age_on(dt.date(2010, 9, 21), dt.date(2025, 9, 20)) == 14
    assert age_on(dt.date(2010, 9, 20), dt.date(2025, 9, 20)) == 15
    assert age_on(dt.date(2008, 2, 29), dt.date(2025, 2, 28)) == 16
