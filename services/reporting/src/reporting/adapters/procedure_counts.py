"""The pre-aggregated procedures report (``rm_procedure_count``, ``rm_procedure_step_time``;
ADR 0041) in SQL.

As for the beneficiary counts (ADR 0034), the same statements serve the projection (for one
dossier, ``rows`` = a filter on its id: its contribution is taken out before its rows change
and put back after) and a bulk fill (``rows`` = ``true``): the aggregates are computed in the
database from the stored ``rm_dossier`` and ``rm_dossier_event`` rows, so they stay a function
of them whatever the order, duplicates and batching of the events.

``rm_procedure_count`` (per unit kept, child unit, month, procedure and channel, five
counts): ``received``, ``on_time``, ``late``, ``closed`` count in the month they happen;
``pending`` is +1 in the month received and −1 in the month closed (resolved or ended), so
"pending at the end of M" is the sum up to M. A dossier closed in an earlier month than it was
received never shows (as in the direct count). ``rm_procedure_step_time`` (per unit kept,
month, state left, one-hour duration bucket → steps, seconds): the step-time histogram.

Kept for the country (its children: the provinces of either catalog) and the provinces of
both catalogs (children: 2025 communes, pre-2025 districts); a district or commune is read
from its own rows (indexed). The SQL is assembled from this module's constants; every value
is a bound parameter."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from reporting.adapters.orm import PROCEDURE_MEASURES
from reporting.domain.procedures import ProcedureLine
from reporting.domain.reports import Level, UnitScope
from reporting.domain.rules.month_deltas import COUNTRY_CODE
from reporting.domain.step_times import BUCKET_SECONDS, StepBucket

KEPT_LEVELS = frozenset({Level.COUNTRY, Level.PROVINCE})
"""The scopes read from the aggregates; districts and communes count their own rows."""

# (unit level, unit code, child level, child code) of an rm_dossier row ``d``
_VIEWS = (
    f"('country', '{COUNTRY_CODE}', 'province_2025', coalesce(d.province_2025, '')), "
    f"('country', '{COUNTRY_CODE}', 'province_pre', coalesce(d.province_pre, '')), "
    "('province_2025', d.province_2025, 'commune_2025', coalesce(d.commune_2025, '')), "
    "('province_pre', d.province_pre, 'district_pre', coalesce(d.district_pre, ''))"
)
_CLOSED = "coalesce(d.resolved_on, d.ended_on)"
_MONTH = "date_trunc('month', {})::date"
# (month, received, on time, late, closed, pending) of a dossier: received, then closed
_MOVES = (
    f"({_MONTH.format('d.received_on')}, 1, 0, 0, 0, 1), "
    f"({_MONTH.format(_CLOSED)}, 0, CASE WHEN d.resolved_late = false THEN 1 ELSE 0 END, "
    "CASE WHEN d.resolved_late THEN 1 ELSE 0 END, 1, -1)"
)
_MEASURES = PROCEDURE_MEASURES  # the order of the values in _MOVES

COUNT_DELTAS = (
    "INSERT INTO rm_procedure_count (unit_level, unit_code, child_level, child_code, month, "  # noqa: S608
    f"procedure_code, channel, {', '.join(_MEASURES)}) "
    "SELECT v.level, v.code, v.child_level, v.child, m.month, d.procedure_code, d.channel, "
    f"{', '.join(f'sum(m.{c}) * :sign' for c in _MEASURES)} FROM rm_dossier d "
    f"CROSS JOIN LATERAL (VALUES {_VIEWS}) v(level, code, child_level, child) "
    f"CROSS JOIN LATERAL (VALUES {_MOVES}) m(month, {', '.join(_MEASURES)}) "
    "WHERE ({rows}) AND d.received_on IS NOT NULL "
    f"AND ({_CLOSED} IS NULL OR {_CLOSED} >= date_trunc('month', d.received_on)) "
    "AND v.code IS NOT NULL AND m.month IS NOT NULL "
    "GROUP BY 1, 2, 3, 4, 5, 6, 7 "
    "ON CONFLICT (unit_level, unit_code, child_level, child_code, month, procedure_code, "
    "channel) DO UPDATE SET "
    + ", ".join(f"{c} = rm_procedure_count.{c} + excluded.{c}" for c in _MEASURES)
)
"""+``sign`` × the counts of the dossiers ``rows`` selects (``{rows}``: a condition on ``d``)."""

STEP_TIMES = (
    "INSERT INTO rm_procedure_step_time (unit_level, unit_code, month, state, bucket, steps, "  # noqa: S608
    "seconds) "
    "SELECT u.level, u.code, s.month, s.state, "
    f"floor(s.seconds / {BUCKET_SECONDS})::int, count(*) * :sign, sum(s.seconds) * :sign "
    "FROM (SELECT d.province_2025, d.province_pre, e.previous_state AS state, "
    f"{_MONTH.format('e.local_date')} AS month, "
    "extract(epoch FROM e.at - lag(e.at) OVER (PARTITION BY e.dossier_id ORDER BY e.version)) "
    "AS seconds FROM rm_dossier d JOIN rm_dossier_event e USING (dossier_id) "
    "WHERE ({rows})) s "
    f"CROSS JOIN LATERAL (VALUES ('country', '{COUNTRY_CODE}'), "
    "('province_2025', s.province_2025), ('province_pre', s.province_pre)) u(level, code) "
    "WHERE s.seconds IS NOT NULL AND s.state <> '' AND u.code IS NOT NULL "
    "GROUP BY 1, 2, 3, 4, 5 "
    "ON CONFLICT (unit_level, unit_code, month, state, bucket) DO UPDATE SET "
    "steps = rm_procedure_step_time.steps + excluded.steps, "
    "seconds = rm_procedure_step_time.seconds + excluded.seconds"
)
"""+``sign`` × the step durations of the dossiers ``rows`` selects, per month the step was
left (the durations between consecutive known versions, as the direct count)."""

_ONE_COUNT = text(COUNT_DELTAS.format(rows="d.dossier_id = :id"))
_ONE_STEPS = text(STEP_TIMES.format(rows="d.dossier_id = :id"))
_DROP_ZEROS = (
    text(
        "DELETE FROM rm_procedure_count WHERE pending = 0 AND received = 0 AND on_time = 0 "
        "AND late = 0 AND closed = 0"
    ),
    text("DELETE FROM rm_procedure_step_time WHERE steps = 0"),
)


def take_out(session: Session, dossier_id: str) -> None:
    """Removes the dossier's stored contribution (before its rows change)."""
    session.execute(_ONE_COUNT, {"id": dossier_id, "sign": -1})
    session.execute(_ONE_STEPS, {"id": dossier_id, "sign": -1})


def put_in(session: Session, dossier_id: str) -> None:
    """Adds the dossier's stored contribution (after its rows changed), drops netted rows."""
    session.execute(_ONE_COUNT, {"id": dossier_id, "sign": 1})
    session.execute(_ONE_STEPS, {"id": dossier_id, "sign": 1})
    drop_zeros(session)


def drop_zeros(session: Session | Connection) -> None:
    """Deletes the rows that netted to zero (partial indexes find them)."""
    for statement in _DROP_ZEROS:
        session.execute(statement)


def fill_all(session: Session | Connection) -> None:
    """Computes both tables from the read models (a migration, a bulk load)."""
    session.execute(text("DELETE FROM rm_procedure_count"))
    session.execute(text("DELETE FROM rm_procedure_step_time"))
    session.execute(text(COUNT_DELTAS.format(rows="true")), {"sign": 1})
    session.execute(text(STEP_TIMES.format(rows="true")), {"sign": 1})
    drop_zeros(session)


_LINES = text(
    "SELECT procedure_code, channel, child_code, "
    "coalesce(sum(received) FILTER (WHERE month = :month), 0), "
    "coalesce(sum(on_time) FILTER (WHERE month = :month), 0), "
    "coalesce(sum(late) FILTER (WHERE month = :month), 0), "
    "sum(pending), coalesce(sum(closed) FILTER (WHERE month = :month), 0) "
    "FROM rm_procedure_count WHERE unit_level = :level AND unit_code = :unit "
    "AND child_level = :child AND month <= :month GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
)
_STEPS = text(
    "SELECT state, bucket, steps, seconds FROM rm_procedure_step_time "
    "WHERE unit_level = :level AND unit_code = :unit AND month = :month"
)


def _kept(scope: UnitScope) -> tuple[str, str]:
    """The (unit level, unit code) the aggregates keep ``scope`` under."""
    column = scope.column()
    return (column, scope.code) if column is not None else ("country", COUNTRY_CODE)


def lines_as_of(
    session: Session, scope: UnitScope, month: date, child_level: str
) -> tuple[ProcedureLine, ...]:
    """The report's lines: the (procedure, channel, child) with a dossier open in ``month``
    (pending at its end or closed in it)."""
    level, unit = _kept(scope)
    params: dict[str, Any] = {"level": level, "unit": unit, "child": child_level, "month": month}
    return tuple(
        ProcedureLine(str(p), int(c), str(u), int(r), int(ok), int(late), int(pend))
        for p, c, u, r, ok, late, pend, closed in session.execute(_LINES, params)
        if pend + closed > 0
    )


def step_buckets(session: Session, scope: UnitScope, month: date) -> list[StepBucket]:
    level, unit = _kept(scope)
    rows = session.execute(_STEPS, {"level": level, "unit": unit, "month": month})
    return [StepBucket(str(s), int(b), int(n), sec) for s, b, n, sec in rows]
