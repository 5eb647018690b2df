"""Reads the poverty and procedures read models (``MoreReportReads`` port), on the reporting
database only. The SQL is assembled from this module's constant column names (``S608`` is
silenced for them); every value is a bound parameter."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from reporting.adapters import budget_month_totals as month_totals
from reporting.adapters import poverty_month_counts as poverty_counts
from reporting.adapters import procedure_counts
from reporting.domain.budget import BudgetReport, Key, budget_lines
from reporting.domain.poverty import PovertyReport
from reporting.domain.procedures import ProcedureLine, ProceduresReport, ProcedureStepTime
from reporting.domain.reports import UnitScope
from reporting.domain.step_times import step_times

_LATEST_STATUS = (
    "SELECT DISTINCT ON (household_id) household_id, province_2025, commune_2025, status, "
    "deprivations FROM rm_poverty_status WHERE month <= :month "
    "ORDER BY household_id, month DESC, seq DESC"
)


class SqlMoreReportReads:
    def __init__(self, session_scope: Callable[[], AbstractContextManager[Session]]) -> None:
        self._session = session_scope

    def poverty(self, scope: UnitScope, month: date) -> PovertyReport:
        """From the pre-aggregated counts (ADR 0040): a sum over one unit's monthly deltas."""
        level = scope.column() or "country"
        with self._session() as session:
            statuses, depr, mv = poverty_counts.counts_as_of(session, level, scope.code, month)
        return PovertyReport(
            scope, month, sum(statuses.values()), statuses.get("poor", 0),
            statuses.get("near_poor", 0), mv, depr,
        )  # fmt: skip

    def poverty_by_scan(self, scope: UnitScope, month: date) -> PovertyReport:
        """The same report over ``rm_poverty_status`` (what the counts are checked against)."""
        where, params = _where(scope)
        params["month"] = month
        latest = f"({_LATEST_STATUS}) s"
        with self._session() as session:
            households, poor, near = session.execute(
                text(
                    f"SELECT count(*), count(*) FILTER (WHERE status = 'poor'), "  # noqa: S608
                    f"count(*) FILTER (WHERE status = 'near_poor') FROM {latest} "
                    f"WHERE true{where}"
                ),
                params,
            ).one()
            deprivations = session.execute(
                text(
                    f"SELECT d, count(*) FROM {latest}, unnest(deprivations) d "  # noqa: S608
                    f"WHERE status IN ('poor', 'near_poor'){where} GROUP BY d"
                ),
                params,
            )
            depr = {str(k): int(n) for k, n in deprivations}
            moves = session.execute(
                text(
                    f"SELECT m, count(*) FROM rm_poverty_status, unnest(moves) m "  # noqa: S608
                    f"WHERE month = :month{where} GROUP BY m"
                ),
                params,
            )
            mv = {str(k): int(n) for k, n in moves}
        return PovertyReport(scope, month, int(households), int(poor), int(near), mv, depr)

    def procedures(self, scope: UnitScope, month: date, child_level: str) -> ProceduresReport:
        """The country and provinces from the pre-aggregates (ADR 0041), others by scan."""
        if scope.level not in procedure_counts.KEPT_LEVELS:
            return self.procedures_by_scan(scope, month, child_level)
        with self._session() as session:
            lines = procedure_counts.lines_as_of(session, scope, month, child_level)
            steps = step_times(procedure_counts.step_buckets(session, scope, month))
        return ProceduresReport(scope, month, lines, steps)

    def procedures_by_scan(
        self, scope: UnitScope, month: date, child_level: str
    ) -> ProceduresReport:
        """The report counted over ``rm_dossier`` and ``rm_dossier_event`` (exact p90)."""
        where, params = _where(scope)
        params.update(month=month, next=_next_month(month))
        child = f"coalesce({child_level}, '')"
        in_month = "{0} >= :month AND {0} < :next"
        closed = "coalesce(resolved_on, ended_on)"
        lines_sql = (
            f"SELECT procedure_code, channel, {child} AS unit, "  # noqa: S608
            f"count(*) FILTER (WHERE {in_month.format('received_on')}) AS received, "
            f"count(*) FILTER (WHERE {in_month.format('resolved_on')} AND NOT resolved_late) "
            f"AS on_time, "
            f"count(*) FILTER (WHERE {in_month.format('resolved_on')} AND resolved_late) AS late, "
            f"count(*) FILTER (WHERE {closed} IS NULL OR {closed} >= :next) AS pending "
            f"FROM rm_dossier WHERE received_on < :next "
            f"AND ({closed} IS NULL OR {closed} >= :month){where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        )
        steps_sql = (
            f"WITH d AS (SELECT dossier_id FROM rm_dossier WHERE true{where}), "  # noqa: S608
            "s AS (SELECT e.previous_state AS state, e.local_date, "
            "extract(epoch FROM e.at - lag(e.at) OVER (PARTITION BY e.dossier_id "
            "ORDER BY e.version)) / 86400.0 AS days FROM rm_dossier_event e JOIN d USING "
            "(dossier_id)) "
            "SELECT state, count(*), avg(days), percentile_cont(0.9) WITHIN GROUP (ORDER BY days) "
            "FROM s WHERE days IS NOT NULL AND state <> '' AND local_date >= :month "
            "AND local_date < :next GROUP BY state ORDER BY state"
        )
        with self._session() as session:
            lines = tuple(
                ProcedureLine(str(p), int(c), str(u), int(r), int(ok), int(late), int(pend))
                for p, c, u, r, ok, late, pend in session.execute(text(lines_sql), params)
            )
            steps = tuple(
                ProcedureStepTime(str(s), int(n), round(float(avg), 3), round(float(p90), 3))
                for s, n, avg, p90 in session.execute(text(steps_sql), params)
            )
        return ProceduresReport(scope, month, lines, steps)

    def budget(self, scope: UnitScope, month: date) -> BudgetReport:
        """The lists from ``rm_payment_list``, the figures from the pre-aggregated totals
        (ADR 0040)."""
        where, params = _where(scope)
        params["month"] = month
        level = scope.column() or "country"
        with self._session() as session:
            lists, closed, owed, approved = session.execute(text(_LISTS_SQL + where), params).one()
            totals = month_totals.totals_of(session, level, scope.code, month)
        figures: dict[str, dict[Key, int]] = {"owed": {}, "approved": {}, "paid": {}, "unpaid": {}}
        by_channel: dict[str, int] = {}
        for figure, g, c, a, v in totals:
            figures[figure][g, c, a] = v
            if figure == "paid":
                by_channel[c] = by_channel.get(c, 0) + v
        return BudgetReport(
            scope, month, int(lists), int(closed), int(owed), int(approved),
            sum(by_channel.values()), sum(figures["unpaid"].values()), by_channel,
            budget_lines(**figures),
        )  # fmt: skip

    def budget_by_scan(self, scope: UnitScope, month: date) -> BudgetReport:
        """The same report over ``rm_payment_result`` and ``rm_payment_total`` (what the
        totals are checked against)."""
        where, params = _where(scope)
        params["month"] = month
        lists_sql = (
            "SELECT count(*), count(*) FILTER (WHERE closed), coalesce(sum(owed_vnd), 0), "  # noqa: S608
            f"coalesce(sum(approved_vnd), 0) FROM rm_payment_list WHERE month = :month{where}"
        )
        latest = (
            "SELECT DISTINCT ON (line_id) outcome, channel, amount_vnd, group_code, arrears "  # noqa: S608
            f"FROM rm_payment_result WHERE month = :month{where} ORDER BY line_id, seq DESC"
        )
        totals_sql = (
            "SELECT t.stage, t.group_code, t.channel, t.arrears, sum(t.amount_vnd) "  # noqa: S608
            "FROM rm_payment_total t JOIN rm_payment_list USING (list_id) "
            f"WHERE month = :month{where} GROUP BY 1, 2, 3, 4"
        )
        with self._session() as session:
            lists, closed, owed, approved = session.execute(text(lists_sql), params).one()
            rows = session.execute(
                text(f"SELECT outcome = 'paid', group_code, channel, arrears, sum(amount_vnd) "  # noqa: S608
                     f"FROM ({latest}) r GROUP BY 1, 2, 3, 4"),
                params,
            ).all()  # fmt: skip
            totals = session.execute(text(totals_sql), params).all()
        by_channel: dict[str, int] = {}
        for paid, _, c, _, v in rows:
            if paid:
                by_channel[str(c)] = by_channel.get(str(c), 0) + int(v)
        unpaid = sum(int(v) for paid, *_, v in rows if not paid)
        figures: dict[str, dict[Key, int]] = {"owed": {}, "approved": {}, "paid": {}, "unpaid": {}}
        for stage, g, c, a, v in totals:
            figures[str(stage)][str(g), str(c), bool(a)] = int(v)
        for paid, g, c, a, v in rows:
            figures["paid" if paid else "unpaid"][str(g), str(c), bool(a)] = int(v)
        return BudgetReport(
            scope, month, int(lists), int(closed), int(owed), int(approved),
            sum(by_channel.values()), unpaid, by_channel, budget_lines(**figures),
        )  # fmt: skip


_LISTS_SQL = (
    "SELECT count(*), count(*) FILTER (WHERE closed), coalesce(sum(owed_vnd), 0), "
    "coalesce(sum(approved_vnd), 0) FROM rm_payment_list WHERE month = :month"
)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _where(scope: UnitScope) -> tuple[str, dict[str, Any]]:
    column = scope.column()
    if column is None:
        return "", {}
    return f" AND {column} = :unit", {"unit": scope.code}
