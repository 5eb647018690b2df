"""How a beneficiary record counts in the pre-aggregated report (ADR 0034): as monthly
deltas per unit, so that "paid in month M" is the sum of a unit's deltas up to M.

A record paid from its start month S to its end month E (inclusive, E open when not ended)
adds, in every unit it belongs to and for each of its dimension values, +1 at S and −1 at
the month after E; its age band is a value that changes with time, so each band adds its
own span, S..E cut to the months the record's age is in the band (the band starts in the
month of the birthday, ages as in :func:`reporting.domain.rules.age_bands.age_in_month`).
A record whose end is before its start is never paid and counts nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.domain.rules.age_bands import BANDS

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 5 and Circular 02/2021/TT-BLĐTBXH (the monthly report of "
    "beneficiaries paid in the month, by group and age band)"
)

UNIT_LEVELS: tuple[str, ...] = ("country", "province_2025", "province_pre")
"""Where the counts are kept: the country and the provinces of both catalogs (a handful of
units whose reports would otherwise scan up to the whole country). A commune or pre-2025
district holds a few hundred to a few thousand records: its report reads them directly
(indexed), which keeps the table small (units × months × dimension values)."""

COUNTRY_CODE = "VN"

RECORD_DIMENSIONS: tuple[str, ...] = (
    "total",
    "care",
    "category",
    "gender",
    "ethnicity",
    "disability_level",
    "age_band",
)
CHANGE_DIMENSION = "change"
"""Changes of the month: counts of that month alone (not cumulative)."""


@dataclass(frozen=True, slots=True)
class BandSpan:
    """The months a record is in ``band``: from ``from_years`` after its birth month (or
    always, ``None``) to the month before ``until_years`` (or ever after, ``None``)."""

    band: str
    from_years: int | None
    until_years: int | None


def band_spans() -> tuple[BandSpan, ...]:
    """The age bands as spans of a record's life (the first band also holds the months
    before birth, as the age bands of the direct count do)."""
    spans = []
    for i, (name, low, high) in enumerate(BANDS):
        spans.append(BandSpan(name, None if i == 0 else low, None if high is None else high + 1))
    return tuple(spans)
