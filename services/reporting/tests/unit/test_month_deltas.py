"""The age-band spans of the pre-aggregated counts (ADR 0034) agree with the age bands of
the report: in every month, the span a record is in is the band of its age."""

from __future__ import annotations

from datetime import date

from reporting.domain.rules.age_bands import age_in_month, band_of
from reporting.domain.rules.month_deltas import band_spans


def _plus_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def _span_of(birth: date, month: date) -> list[str]:
    return [
        s.band
        for s in band_spans()
        if (s.from_years is None or month >= _plus_years(birth, s.from_years))
        and (s.until_years is None or month < _plus_years(birth, s.until_years))
    ]


def test_every_month_is_in_the_span_of_its_age_band() -> None:
    for birth in (date(1940, 1, 1), date(1945, 7, 1), date(2009, 12, 1), date(2026, 3, 1)):
        for n in range(2015 * 12, 2030 * 12):
            month = date(n // 12, n % 12 + 1, 1)
            assert _span_of(birth, month) == [band_of(age_in_month(birth, month))], (
                birth,
                month,
            )


def test_the_spans_meet_at_the_birthdays() -> None:
    spans = band_spans()
    assert spans[0].from_years is None and spans[-1].until_years is None
    assert [s.until_years for s in spans[:-1]] == [s.from_years for s in spans[1:]] == [16, 60, 80]
