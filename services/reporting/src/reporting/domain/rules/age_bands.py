"""Age bands of the beneficiaries report (children, working age, the elderly, 80 and over)."""

from __future__ import annotations

from datetime import date

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 5 (children under 16; people aged 16 to 22 in education; the "
    "elderly from 60; social pension from 80 (75 from 1 Jul 2025, Law on Social Insurance 2024))"
)

BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-15", 0, 15),
    ("16-59", 16, 59),
    ("60-79", 60, 79),
    ("80+", 80, None),
)


def age_in_month(birth_month: date, month: date) -> int:
    """Full years reached by the end of ``month`` (birth months only, never dates)."""
    return month.year - birth_month.year - (1 if month.month < birth_month.month else 0)


def band_of(age: int) -> str:
    for name, low, high in BANDS:
        if age >= low and (high is None or age <= high):
            return name
    return BANDS[0][0]
