"""Set-based classification: the standard's rule (data) rendered as one SQL expression.

For a whole country at once (1.5 M households) the per-household domain function
(``rules.classification.classify``) is replaced by the same rule over a table of survey
results: ``area`` (``urban``/``rural``), ``income`` (integer VND per person per month) and
one boolean column ``d_<indicator code>`` per indicator of the standard (deprived or not).
The expression is built from the ``Standard`` object — its income lines per area, points per
deprivation, poor minimum of score B and rule — so a new standard needs no new SQL; a unit
test checks it against ``rules.classification.status_of`` at every threshold.
"""

from __future__ import annotations

import re

from poverty.domain.model import HouseholdStatus
from poverty.domain.standards import Area, Standard

_S = HouseholdStatus
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def deprivation_columns(standard: Standard) -> list[str]:
    return [f"d_{i.code}" for i in standard.indicators]


def score_b_sql(standard: Standard) -> str:
    terms = " + ".join(f"{c}::int" for c in deprivation_columns(standard))
    return f"({standard.deprivation_points} * ({terms}))"


def _line(standard: Standard, which: str) -> str:
    rural = getattr(standard.income[Area.RURAL], which)
    urban = getattr(standard.income[Area.URBAN], which)
    return f"(CASE area WHEN 'urban' THEN {urban} ELSE {rural} END)"


def status_sql(standard: Standard) -> str:
    """A SQL expression giving each row's status code under ``standard``."""
    deprived = f"{score_b_sql(standard)} >= {standard.poor_min_score_b}"
    poor, near = _line(standard, "poor"), _line(standard, "near_poor")
    if standard.rule == "income_or_income_band_and_deprivation":
        return (
            f"CASE WHEN income <= {poor} THEN '{_S.POOR}' "
            f"WHEN income <= {near} THEN CASE WHEN {deprived} THEN '{_S.POOR}' "
            f"ELSE '{_S.NEAR_POOR}' END ELSE '{_S.NONE}' END"
        )
    middle = (
        f"WHEN income <= {_line(standard, 'middle')} THEN '{_S.AVERAGE_LIVING}' "
        if all(standard.income[a].middle is not None for a in Area)
        else ""
    )
    return (
        f"CASE WHEN income <= {poor} THEN CASE WHEN {deprived} THEN '{_S.POOR}' "
        f"ELSE '{_S.NEAR_POOR}' END {middle}ELSE '{_S.NONE}' END"
    )


def classify_table_sql(standard: Standard, source: str, target: str) -> str:
    """``INSERT INTO target (household_id, status, score_b) SELECT … FROM source``.

    Table names and indicator codes are checked to be plain identifiers; the numbers come from
    the parsed standard (integers), so the statement holds nothing a caller typed."""
    for name in (source, target, *deprivation_columns(standard)):
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"not a plain SQL identifier: {name!r}")
    return (
        f"INSERT INTO {target} (household_id, status, score_b) "  # noqa: S608 - checked above
        f"SELECT household_id, {status_sql(standard)}, {score_b_sql(standard)} FROM {source}"
    )
