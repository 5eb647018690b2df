"""Stores and reads the data-quality snapshots (``QualitySnapshots`` port)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from ansinh_common.catalogs.admin_units import CatalogVersion, children
from reporting.adapters.orm import quality_snapshot
from reporting.domain.reports import QUALITY_FIELDS, QualityReport, UnitQuality


class SqlQualitySnapshots:
    def __init__(self, session_scope: Callable[[], AbstractContextManager[Session]]) -> None:
        self._session = session_scope

    def save(self, month: date, level: str, report: QualityReport) -> None:
        """The month's figures of the report's units (the last run of a month stays)."""
        rows = [
            {"month": month, "level": level, "unit_code": u.unit_code, "field": name,
             "records": u.records, "present": u.present.get(name, 0),
             "applicable": u.applicable.get(name, 0)}
            for u in report.units
            for name in QUALITY_FIELDS
        ]  # fmt: skip
        if not rows:
            return
        stmt = insert(quality_snapshot).values(rows)
        keep = ("records", "present", "applicable")
        stmt = stmt.on_conflict_do_update(
            index_elements=["month", "level", "unit_code", "field"],
            set_={k: stmt.excluded[k] for k in keep},
        )
        with self._session() as session:
            session.execute(stmt)
            session.commit()

    def units_by_month(self, level: str, parent: str, since: date) -> dict[date, list[UnitQuality]]:
        """The snapshots from ``since`` of the units of ``level`` under ``parent`` (``VN``:
        the provinces; a province: its communes, from the 2025 catalog)."""
        t = quality_snapshot.c
        query = select(t.month, t.unit_code, t.field, t.records, t.present, t.applicable).where(
            t.level == level, t.month >= since, t.unit_code.in_(_codes(parent, level))
        )
        with self._session() as session:
            rows = session.execute(query).all()
        grouped: dict[tuple[date, str], list[tuple[str, int, int, int]]] = defaultdict(list)
        for month, unit, name, records, present, applicable in rows:
            grouped[(month, unit)].append((name, records, present, applicable))
        out: dict[date, list[UnitQuality]] = defaultdict(list)
        for (month, unit), fields in grouped.items():
            out[month].append(
                UnitQuality(
                    unit_code=unit,
                    records=fields[0][1],
                    present={n: p for n, _, p, _ in fields},
                    applicable={n: a for n, _, _, a in fields},
                )
            )
        return dict(out)


def _codes(parent: str, level: str) -> list[str]:
    """The 2025 units of ``level`` under ``parent`` (``VN`` for the provinces)."""
    return [u.code for u in children(parent, CatalogVersion.V2025) if u.level.value == level]
