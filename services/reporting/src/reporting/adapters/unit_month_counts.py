"""The pre-aggregated beneficiary counts (``rm_unit_month_count``, ADR 0034) in SQL.

The same statements serve the projection (for the records and changes of a batch, ``rows``
= a filter on their ids) and a bulk fill (``rows`` = ``true``): the deltas are computed in
the database from the stored read-model rows, so the table stays a function of
``rm_beneficiary`` and ``rm_beneficiary_change`` whatever the order and batching of the
events. The SQL is assembled from this module's constants; every value is a bound
parameter."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from reporting.domain.rules.month_deltas import (
    CHANGE_DIMENSION,
    COUNTRY_CODE,
    UNIT_LEVELS,
    band_spans,
)

_COLUMNS = [level for level in UNIT_LEVELS if level != "country"]


def _units(alias: str) -> str:
    """Each row of ``alias`` once per unit level it counts in."""

    def code(level: str) -> str:
        return f"'{COUNTRY_CODE}'" if level == "country" else f"{alias}.{level}"

    units = ", ".join(f"('{level}', {code(level)})" for level in UNIT_LEVELS)
    return f"CROSS JOIN LATERAL (VALUES {units}) u(level, code)"


def _years(n: int) -> str:
    return f"(r.birth_month + interval '{n} years')::date"


def _band_rows() -> list[str]:
    rows = []
    for span in band_spans():
        first = "r.start_month"
        if span.from_years is not None:
            first = f"greatest(r.start_month, {_years(span.from_years)})"
        last = "r.end_month"
        if span.until_years is not None:
            # least() skips a NULL end month: an open record leaves the band at its birthday
            last = f"least(r.end_month, ({_years(span.until_years)} - interval '1 month')::date)"
        rows.append(f"('age_band', '{span.band}', 1, {first}, {last})")
    return rows


_SPANS = ",\n         ".join(
    [
        "('total', '', 1, r.start_month, r.end_month)",
        "('care', '', r.care_support_households, r.start_month, r.end_month)",
        "('category', r.category_code, 1, r.start_month, r.end_month)",
        "('gender', r.gender, 1, r.start_month, r.end_month)",
        "('ethnicity', coalesce(r.ethnicity_code, ''), 1, r.start_month, r.end_month)",
        "('disability_level', r.disability_level_code, 1, r.start_month, r.end_month)",
        *_band_rows(),
    ]
)

_UPSERT = (
    "INSERT INTO rm_unit_month_count (unit_level, unit_code, month, dimension, key, delta) "
    "{select} ON CONFLICT (unit_level, unit_code, month, dimension, key) "
    "DO UPDATE SET delta = rm_unit_month_count.delta + excluded.delta"
)

RECORD_DELTAS = _UPSERT.format(
    select=(
        f"SELECT u.level, u.code, d.month, d.dimension, d.key, sum(d.delta) * :sign FROM ("  # noqa: S608
        f"SELECT {', '.join(f'r.{c}' for c in _COLUMNS)}, e.month, s.dimension, s.key, "
        "sum(e.delta) AS delta FROM rm_beneficiary r "
        f"CROSS JOIN LATERAL (VALUES {_SPANS}) s(dimension, key, weight, first, last) "
        "CROSS JOIN LATERAL (VALUES (s.first, s.weight), "
        "((s.last + interval '1 month')::date, -s.weight)) e(month, delta) "
        "WHERE ({rows}) AND r.start_month IS NOT NULL "
        "AND s.key IS NOT NULL AND s.weight <> 0 AND (s.last IS NULL OR s.last >= s.first) "
        f"AND e.month IS NOT NULL GROUP BY {', '.join(_COLUMNS)}, e.month, s.dimension, s.key) d "
        f"{_units('d')} WHERE u.code IS NOT NULL GROUP BY 1, 2, 3, 4, 5"
    )
)
"""+``sign`` × the deltas of the records ``rows`` selects (``{rows}``: a condition on ``r``):
the records' spans grouped per province first, then counted in each level."""

CHANGE_COUNTS = _UPSERT.format(
    select=(
        f"SELECT u.level, u.code, r.month, '{CHANGE_DIMENSION}', r.kind, count(*) * :sign "  # noqa: S608
        f"FROM rm_beneficiary_change r {_units('r')} "
        "WHERE ({rows}) AND u.code IS NOT NULL GROUP BY 1, 2, 3, 4, 5"
    )
)
"""+``sign`` × the changes ``rows`` selects, counted in their month."""

_DROP_ZEROS = text("DELETE FROM rm_unit_month_count WHERE delta = 0")
_BY_RECORD = text(RECORD_DELTAS.format(rows="r.record_id = ANY(:ids)"))
_BY_EVENT = text(CHANGE_COUNTS.format(rows="r.event_id = ANY(:ids)"))
_KNOWN_EVENTS = text("SELECT event_id FROM rm_beneficiary_change WHERE event_id = ANY(:ids)")


def take_out_records(session: Session, record_ids: list[str]) -> None:
    """Removes the stored rows' deltas (before the rows are changed)."""
    session.execute(_BY_RECORD, {"ids": record_ids, "sign": -1})


def put_in_records(session: Session, record_ids: list[str]) -> None:
    """Adds the stored rows' deltas (after the rows are changed)."""
    session.execute(_BY_RECORD, {"ids": record_ids, "sign": 1})


def unknown_events(session: Session, event_ids: list[str]) -> list[str]:
    """The change events not stored yet (a replayed or duplicate one counts once)."""
    known = {str(e) for (e,) in session.execute(_KNOWN_EVENTS, {"ids": event_ids})}
    return list(dict.fromkeys(e for e in event_ids if e not in known))


def count_changes(session: Session, event_ids: list[str]) -> None:
    session.execute(_BY_EVENT, {"ids": event_ids, "sign": 1})


def drop_zeros(session: Session | Connection) -> None:
    """Deletes the rows that netted to zero (the partial index finds them)."""
    session.execute(_DROP_ZEROS)


def fill_all(session: Session | Connection) -> None:
    """Computes the whole table from the read models (a migration, a bulk load)."""
    session.execute(text("DELETE FROM rm_unit_month_count"))
    session.execute(text(RECORD_DELTAS.format(rows="true")), {"sign": 1})
    session.execute(text(CHANGE_COUNTS.format(rows="true")), {"sign": 1})
    drop_zeros(session)


_SUMS = text(
    "SELECT dimension, key, sum(delta) FROM rm_unit_month_count "  # noqa: S608
    "WHERE unit_level = :level AND unit_code = :unit AND month <= :month "
    f"AND dimension <> '{CHANGE_DIMENSION}' GROUP BY 1, 2"
)
_CHANGES = text(
    "SELECT key, sum(delta) FROM rm_unit_month_count "  # noqa: S608
    "WHERE unit_level = :level AND unit_code = :unit AND month = :month "
    f"AND dimension = '{CHANGE_DIMENSION}' GROUP BY 1"
)


def counts_as_of(
    session: Session, level: str, unit: str, month: date
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """(paid in ``month`` per (dimension, key), changes of ``month`` per kind); zero counts
    left out."""
    params: dict[str, Any] = {"level": level, "unit": unit, "month": month}
    sums = {(str(d), str(k)): int(n) for d, k, n in session.execute(_SUMS, params) if n}
    changes = {str(k): int(n) for k, n in session.execute(_CHANGES, params) if n}
    return sums, changes
