"""Writes ``rm_poverty_status`` and its pre-aggregated counts (``PovertyWriter`` port, ADR
0040) in the caller's transaction."""

from __future__ import annotations

from sqlalchemy import func, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reporting.adapters import poverty_month_counts as counts
from reporting.adapters.orm import poverty_status
from reporting.domain.poverty import PovertyStatusRow


class SqlPovertyWriter:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_status(self, row: PovertyStatusRow) -> None:
        """Insert the decision with the household's next sequence number (the order of its
        events on the topic: a replay numbers them the same); a duplicate changes nothing.
        The household's counts are taken out before and put back after (ADR 0040)."""
        t = poverty_status.c
        seq = (
            select(func.coalesce(func.max(t.seq), 0) + 1)
            .where(t.household_id == row.household_id)
            .scalar_subquery()
        )
        values = select(
            literal(row.event_id), literal(row.household_id), seq,
            literal(row.province_2025), literal(row.commune_2025), literal(row.month),
            literal(row.review_year), literal(row.status), literal(row.previous_status),
            literal(list(row.moves), poverty_status.c.moves.type),
            literal(list(row.deprivations), poverty_status.c.deprivations.type),
        )  # fmt: skip
        columns = [
            "event_id", "household_id", "seq", "province_2025", "commune_2025", "month",
            "review_year", "status", "previous_status", "moves", "deprivations",
        ]  # fmt: skip
        stmt = insert(poverty_status).from_select(columns, values)
        counts.take_out(self._session, [row.household_id])
        self._session.execute(stmt.on_conflict_do_nothing(index_elements=["event_id"]))
        counts.put_in(self._session, [row.household_id])
