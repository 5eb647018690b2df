"""Writes ``rm_payment_list``, ``rm_payment_total`` and ``rm_payment_result`` (``BudgetWriter``
port) and their pre-aggregated totals (``rm_budget_month_total``, ADR 0040) in the caller's
transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reporting.adapters import budget_month_totals as month_totals
from reporting.adapters.orm import payment_list, payment_result, payment_total
from reporting.domain.budget import GroupTotal, ListRow, ResultRow
from reporting.domain.model import UnitCodes


def _units(u: UnitCodes) -> dict[str, str | None]:
    return {"province_2025": u.province_2025, "commune_2025": u.commune_2025,
            "province_pre": u.province_pre, "district_pre": u.district_pre,
            "commune_pre": u.commune_pre}  # fmt: skip


class SqlBudgetWriter:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put_list(self, row: ListRow) -> None:
        """Each event sets only its own figures (the list's events arrive in order: the key
        is the list id); a regenerated list's owed total replaces the earlier one."""
        values: dict[str, Any] = {"list_id": row.list_id, "province_code": row.province_code,
                                  "month": row.month, **_units(row.units)}  # fmt: skip
        own = {"lines": row.lines, "owed_vnd": row.owed_vnd, "approved_vnd": row.approved_vnd}
        own = {k: v for k, v in own.items() if v is not None}
        if row.closed:
            own["closed"] = True
        stmt = insert(payment_list).values(**values, **own)
        stmt = stmt.on_conflict_do_update(
            index_elements=[payment_list.c.list_id], set_={k: stmt.excluded[k] for k in own}
        )
        self._session.execute(stmt)
        for stage, totals in (("owed", row.owed_totals), ("approved", row.approved_totals)):
            if totals is not None:
                self._put_totals(row.list_id, stage, totals)

    def _put_totals(self, list_id: str, stage: str, totals: tuple[GroupTotal, ...]) -> None:
        """The list's totals of a stage replace the earlier ones (a regenerated list)."""
        t = payment_total.c
        month_totals.apply_list(self._session, list_id, stage, -1)
        self._session.execute(delete(payment_total).where(t.list_id == list_id, t.stage == stage))
        if totals:
            self._session.execute(
                insert(payment_total),
                [{"list_id": list_id, "stage": stage, "group_code": g.group_code,
                  "channel": g.channel, "arrears": g.arrears, "lines": g.lines,
                  "amount_vnd": g.amount_vnd} for g in totals],
            )  # fmt: skip
        month_totals.apply_list(self._session, list_id, stage, 1)

    def add_result(self, row: ResultRow) -> None:
        """Insert with the line's next sequence number (the order of its results on the topic,
        the same on a replay); a duplicate changes nothing. The line's latest result is taken
        out of the month's totals before and put back after (ADR 0040)."""
        t = payment_result.c
        seq = (
            select(func.coalesce(func.max(t.seq), 0) + 1)
            .where(t.line_id == row.line_id)
            .scalar_subquery()
        )
        plain = {"event_id": row.event_id, "line_id": row.line_id, **_units(row.units),
                 "month": row.month, "outcome": row.outcome, "channel": row.channel,
                 "amount_vnd": row.amount_vnd, "group_code": row.group_code,
                 "arrears": row.arrears}  # fmt: skip
        columns = [*plain, "seq"]
        values = select(*(literal(v, payment_result.c[k].type) for k, v in plain.items()), seq)
        stmt = insert(payment_result).from_select(columns, values)
        month_totals.apply_line(self._session, row.line_id, -1)
        self._session.execute(stmt.on_conflict_do_nothing(index_elements=["event_id"]))
        month_totals.apply_line(self._session, row.line_id, 1)
