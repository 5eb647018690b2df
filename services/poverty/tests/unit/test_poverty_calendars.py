"""Review windows and the reporting calendar, with the units that are late."""

from __future__ import annotations

import datetime as dt

import pytest

from poverty.domain.errors import OutsideReviewPeriod
from poverty.domain.rules import reporting_calendar as rc
from poverty.domain.rules import review_calendar, village_vote


def test_annual_window_is_1_september_to_14_december() -> None:
    review_calendar.check_annual_start(2025, dt.date(2025, 9, 1))
    review_calendar.check_annual_start(2025, dt.date(2025, 12, 14))
    for day in (dt.date(2025, 8, 31), dt.date(2025, 12, 15)):
        with pytest.raises(OutsideReviewPeriod):
            review_calendar.check_annual_start(2025, day)


def test_regular_review_starts_from_the_15th_and_decides_within_15_days() -> None:
    review_calendar.check_regular_start(dt.date(2025, 3, 15))
    with pytest.raises(OutsideReviewPeriod):
        review_calendar.check_regular_start(dt.date(2025, 3, 14))
    assert review_calendar.regular_decision_due(dt.date(2025, 3, 15)) == dt.date(2025, 3, 30)
    assert review_calendar.regular_decision_due(dt.date(2025, 12, 20)) == dt.date(2026, 1, 4)


def test_village_vote_passes_at_half_of_attendees() -> None:
    assert village_vote.passes(5, 10) and village_vote.passes(3, 5)
    assert not village_vote.passes(4, 10) and not village_vote.passes(2, 5)
    with pytest.raises(ValueError):
        village_vote.passes(1, 0)


def test_reports_due_monthly_february_to_september_and_twice_at_year_end() -> None:
    due = rc.reports_due(2025)
    monthly = [d.last_day for d in due if d.kind is rc.ReportKind.MONTHLY]
    assert monthly == [dt.date(2025, m, 5) for m in range(2, 10)]
    annual = {d.kind: d.last_day for d in due if d.month is None}
    assert annual == {
        rc.ReportKind.ANNUAL_PRELIMINARY: dt.date(2025, 11, 14),  # before 15 Nov
        rc.ReportKind.ANNUAL_OFFICIAL: dt.date(2025, 12, 19),  # before 20 Dec
    }
    assert due[0].key == "monthly:2025-02"


def test_late_units() -> None:
    march = next(d for d in rc.reports_due(2025) if d.month == 3)
    units = ["00004", "00007", "00010", "00013"]
    sent = {"00004": dt.date(2025, 3, 5), "00007": dt.date(2025, 3, 6)}
    on_time = {"00004": dt.date(2025, 3, 5)}
    assert rc.late_units(march, units, on_time, today=dt.date(2025, 3, 5)) == ()
    assert rc.late_units(march, units, sent, today=dt.date(2025, 3, 6)) == (
        "00007",
        "00010",
        "00013",
    )
    official = rc.reports_due(2025)[-1]
    assert rc.late_units(
        official, units, {"00004": dt.date(2025, 12, 20)}, dt.date(2025, 12, 19)
    ) == ("00004",)
    assert [d.kind for d in rc.overdue(2025, dt.date(2025, 11, 15))][
        -1
    ] is rc.ReportKind.ANNUAL_PRELIMINARY
    assert len(rc.overdue(2025, dt.date(2025, 2, 5))) == 0


# ----- when a commune's results are in (reporting_calendar.submitted) ---------------------
def _dates(
    annual: bool, started: dt.date, posted: dt.date | None = None, decided: dt.date | None = None
) -> rc.ReviewDates:
    return rc.ReviewDates(annual, started, posted, decided)


def test_the_rule_is_marked_unverified_with_its_source() -> None:
    assert "24/2021/QĐ-TTg" in rc.LEGAL_BASIS and rc.VERIFIED is False


def test_monthly_report_reads_the_previous_months_regular_reviews() -> None:
    march = rc.report_due(rc.ReportKind.MONTHLY, 2026, 3)
    assert march.last_day == dt.date(2026, 3, 5)
    february = [_dates(False, dt.date(2026, 2, 15), decided=dt.date(2026, 3, 2)),
                _dates(False, dt.date(2026, 2, 20), decided=dt.date(2026, 3, 4))]  # fmt: skip
    assert rc.owes(march, february) and rc.submitted(march, february) == dt.date(2026, 3, 4)
    undecided = [*february, _dates(False, dt.date(2026, 2, 25))]
    assert rc.submitted(march, undecided) is None
    january_only = [_dates(False, dt.date(2026, 1, 15), decided=dt.date(2026, 1, 20))]
    assert not rc.owes(march, january_only)


def test_annual_reports_read_posting_then_decision() -> None:
    review = [_dates(True, dt.date(2025, 9, 3), dt.date(2025, 11, 10), dt.date(2025, 12, 22))]
    preliminary = rc.report_due(rc.ReportKind.ANNUAL_PRELIMINARY, 2025)
    official = rc.report_due(rc.ReportKind.ANNUAL_OFFICIAL, 2025)
    assert (preliminary.last_day, official.last_day) == (
        dt.date(2025, 11, 14),
        dt.date(2025, 12, 19),
    )
    assert rc.owes(official, []) and rc.submitted(official, []) is None
    assert rc.submitted(preliminary, review) == dt.date(2025, 11, 10)
    sent = rc.submitted(official, review)
    assert sent == dt.date(2025, 12, 22)
    assert rc.late_units(official, ["00004"], {"00004": sent}, dt.date(2025, 12, 23)) == ("00004",)
    assert rc.late_units(preliminary, ["00004"], {"00004": dt.date(2025, 11, 10)},
                         dt.date(2025, 12, 1)) == ()  # fmt: skip


def test_a_province_is_in_when_all_its_communes_are() -> None:
    assert rc.submitted_by_all([dt.date(2025, 12, 1), dt.date(2025, 12, 5)]) == dt.date(2025, 12, 5)
    assert rc.submitted_by_all([dt.date(2025, 12, 1), None]) is None
    assert rc.submitted_by_all([]) is None


def test_no_monthly_report_outside_february_to_september() -> None:
    with pytest.raises(ValueError):
        rc.report_due(rc.ReportKind.MONTHLY, 2026, 10)
