"""The pre-aggregated poverty counts (``rm_poverty_month_count``, ADR 0040) in SQL.

A household's status in month M is its latest decision effective on or before M (by month,
then its order on the topic): each decision adds +1 to its status, and to each of its
deprivations when the household is poor or near-poor, in its month and unit, and −1 in the
month of the household's next decision (the ``lead`` over the household's rows). The
month's entries and exits (``dimension = 'move'``) count in their month alone. "As of M"
is ``sum(delta) WHERE month <= M`` over one unit's rows.

The same statement serves the projection (the decided households, ``rows`` = a filter on
their ids: their deltas are taken out before the new row is stored and put back after) and
a bulk fill (``rows`` = ``true``), so the table is a function of ``rm_poverty_status``
alone whatever the order and duplicates of the events. Kept for the country, the 2025
provinces and the 2025 communes (the poverty service's units). The SQL is assembled from
this module's constants; every value is a bound parameter."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from reporting.domain.rules.month_deltas import COUNTRY_CODE

LEVELS: tuple[str, ...] = ("country", "province_2025", "commune_2025")
STATUS, DEPRIVATION, MOVE = "status", "deprivation", "move"
_COUNTED = "('poor', 'near_poor')"

DELTAS = (
    "INSERT INTO rm_poverty_month_count (unit_level, unit_code, month, dimension, key, delta) "  # noqa: S608
    "SELECT u.level, u.code, d.month, d.dimension, d.key, sum(d.delta) * :sign FROM ("
    "SELECT r.province_2025, r.commune_2025, e.month, x.dimension, x.key, sum(e.delta) AS delta "
    "FROM (SELECT s.province_2025, s.commune_2025, s.month, s.status, s.moves, s.deprivations, "
    "lead(s.month) OVER (PARTITION BY s.household_id ORDER BY s.month, s.seq) AS next_month "
    "FROM rm_poverty_status s WHERE {rows}) r "
    f"CROSS JOIN LATERAL (SELECT '{STATUS}' AS dimension, r.status AS key, true AS spans "
    f"UNION ALL SELECT '{DEPRIVATION}', dd, true FROM unnest(r.deprivations) dd "
    f"WHERE r.status IN {_COUNTED} "
    f"UNION ALL SELECT '{MOVE}', m, false FROM unnest(r.moves) m) x "
    "CROSS JOIN LATERAL (VALUES (r.month, 1), "
    "(CASE WHEN x.spans THEN r.next_month END, -1)) e(month, delta) "
    "WHERE e.month IS NOT NULL GROUP BY 1, 2, 3, 4, 5) d "
    f"CROSS JOIN LATERAL (VALUES ('country', '{COUNTRY_CODE}'), "
    "('province_2025', d.province_2025), ('commune_2025', d.commune_2025)) u(level, code) "
    "GROUP BY 1, 2, 3, 4, 5 "
    "ON CONFLICT (unit_level, unit_code, month, dimension, key) "
    "DO UPDATE SET delta = rm_poverty_month_count.delta + excluded.delta"
)
"""+``sign`` × the deltas of the households' decisions ``rows`` selects (``{rows}``: a
condition on ``s``; it must select all of a household's rows)."""

_BY_HOUSEHOLD = text(DELTAS.format(rows="s.household_id = ANY(:ids)"))
_DROP_ZEROS = text("DELETE FROM rm_poverty_month_count WHERE delta = 0")


def take_out(session: Session, household_ids: list[str]) -> None:
    """Removes the stored decisions' deltas (before a decision is added)."""
    session.execute(_BY_HOUSEHOLD, {"ids": household_ids, "sign": -1})


def put_in(session: Session, household_ids: list[str]) -> None:
    """Adds the stored decisions' deltas back (after), and drops the rows netted to zero."""
    session.execute(_BY_HOUSEHOLD, {"ids": household_ids, "sign": 1})
    session.execute(_DROP_ZEROS)


def fill_all(session: Session | Connection) -> None:
    """Computes the whole table from ``rm_poverty_status`` (a migration, a bulk load)."""
    session.execute(text("DELETE FROM rm_poverty_month_count"))
    session.execute(text(DELTAS.format(rows="true")), {"sign": 1})
    session.execute(_DROP_ZEROS)


_AS_OF = text(
    "SELECT dimension, key, sum(delta) FROM rm_poverty_month_count "  # noqa: S608
    "WHERE unit_level = :level AND unit_code = :unit AND month <= :month "
    f"AND dimension <> '{MOVE}' GROUP BY 1, 2"
)
_MOVES = text(
    "SELECT key, delta FROM rm_poverty_month_count "  # noqa: S608
    f"WHERE unit_level = :level AND unit_code = :unit AND month = :month AND dimension = '{MOVE}'"
)


def counts_as_of(
    session: Session, level: str, unit: str, month: date
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(households per status, deprivations of the poor and near-poor) as of ``month``, and
    the moves of ``month``; zero counts left out."""
    params: dict[str, Any] = {"level": level, "unit": unit, "month": month}
    statuses: dict[str, int] = {}
    deprivations: dict[str, int] = {}
    for dimension, key, n in session.execute(_AS_OF, params):
        if n:
            (statuses if dimension == STATUS else deprivations)[str(key)] = int(n)
    moves = {str(k): int(n) for k, n in session.execute(_MOVES, params) if n}
    return statuses, deprivations, moves
