"""Writes ``rm_dossier_event`` and ``rm_dossier`` (``ProcedureWriter`` port) in the caller's
transaction, and keeps the pre-aggregated procedures report with them (ADR 0041): a new step
takes the dossier's contribution out of the aggregates, the new summary puts it back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reporting.adapters import procedure_counts
from reporting.adapters.orm import dossier, dossier_event
from reporting.domain.procedures import DossierStep, DossierSummary

# what rm_dossier_event keeps of a step; the rest is on the summary
_KEPT = ("event_id", "dossier_id", "version", "state", "previous_state", "action", "unit_code",
         "at", "local_date", "due_on")  # fmt: skip


class SqlProcedureWriter:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_step(self, step: DossierStep) -> None:
        """Stores the step; the dossier leaves the aggregates until ``put_dossier``."""
        procedure_counts.take_out(self._session, step.dossier_id)
        values = {name: getattr(step, name) for name in _KEPT}
        stmt = insert(dossier_event).values(**values)
        self._session.execute(stmt.on_conflict_do_nothing(index_elements=["event_id"]))

    def steps_of(self, first: DossierStep) -> list[DossierStep]:
        """Every known step of ``first``'s dossier (the dossier-wide fields from ``first``)."""
        rows = self._session.execute(
            select(dossier_event).where(dossier_event.c.dossier_id == first.dossier_id)
        ).mappings()
        common: dict[str, Any] = {
            "province_code": first.province_code,
            "procedure_code": first.procedure_code,
            "channel": first.channel,
        }
        return [DossierStep(**{k: row[k] for k in _KEPT}, **common) for row in rows]

    def put_dossier(self, summary: DossierSummary) -> None:
        u = summary.units
        values: dict[str, Any] = {
            "dossier_id": summary.dossier_id,
            "province_code": summary.province_code,
            "procedure_code": summary.procedure_code,
            "channel": summary.channel,
            "first_version": summary.first_version,
            "province_2025": u.province_2025,
            "commune_2025": u.commune_2025,
            "province_pre": u.province_pre,
            "district_pre": u.district_pre,
            "commune_pre": u.commune_pre,
            "received_on": summary.received_on,
            "resolved_on": summary.resolved_on,
            "resolved_late": summary.resolved_late,
            "ended_on": summary.ended_on,
        }
        stmt = insert(dossier).values(**values)
        updated = {k: stmt.excluded[k] for k in values if k != "dossier_id"}
        stmt = stmt.on_conflict_do_update(index_elements=[dossier.c.dossier_id], set_=updated)
        self._session.execute(stmt)
        procedure_counts.put_in(self._session, summary.dossier_id)
