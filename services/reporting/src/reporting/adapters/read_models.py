"""Writes the read models (``ReadModelWriter`` port) in the caller's transaction."""

from __future__ import annotations

import functools
from itertools import groupby
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reporting.adapters import unit_month_counts as counts
from reporting.adapters import unit_quality_counts as quality
from reporting.adapters.orm import beneficiary, beneficiary_change
from reporting.domain.model import BeneficiaryRow, ChangeRow, EndMonth, UnitCodes


def _units(units: UnitCodes) -> dict[str, str | None]:
    return {
        "province_2025": units.province_2025,
        "commune_2025": units.commune_2025,
        "province_pre": units.province_pre,
        "district_pre": units.district_pre,
        "commune_pre": units.commune_pre,
    }


class SqlReadModelWriter:
    """Collects the rows of one transaction's events and writes them on :meth:`flush`, each
    table with one prepared statement per run of rows (``executemany``: one round trip,
    the rows applied in order, so a record changed twice in a batch ends as if one by one)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._beneficiaries: list[tuple[bool, dict[str, Any]]] = []
        self._changes: list[dict[str, Any]] = []

    def upsert_beneficiary(self, row: BeneficiaryRow) -> None:
        """Insert, or update when ``row`` is newer than the stored version (replays and late
        duplicates change nothing)."""
        p = row.profile
        values: dict[str, Any] = {
            "record_id": row.record_id,
            "province_code": row.province_code,
            "version": row.version,
            **_units(row.units),
            "catalog_version": p.catalog_version,
            "category_code": p.category_code,
            "gender": p.gender,
            "birth_month": p.birth_month,
            "ethnicity_code": p.ethnicity_code,
            "disability_level_code": p.disability_level_code,
            "care_support_households": p.care_support_households,
            "payment_channel_code": p.payment_channel_code,
            "status": p.status,
            "findings": list(p.findings),
            "start_month": row.start_month,
            "end_month": row.end_month if row.end is EndMonth.SET else None,
        }
        self._beneficiaries.append((row.end is EndMonth.KEEP, values))

    def add_change(self, row: ChangeRow) -> None:
        self._changes.append(
            {
                "event_id": row.event_id,
                "record_id": row.record_id,
                "kind": row.kind.value,
                "month": row.month,
                **_units(row.units),
                "category_code": row.category_code,
            }
        )

    def flush(self) -> None:
        """Write the collected rows and their pre-aggregated counts (ADR 0034), in the
        caller's transaction: the records' deltas are taken out before their rows change and
        put back after, so the counts follow the stored rows however the events come."""
        records = list(dict.fromkeys(v["record_id"] for _k, v in self._beneficiaries))
        if records:
            counts.take_out_records(self._session, records)
            quality.apply_records(self._session, records, -1)
        for keep_end, run in groupby(self._beneficiaries, key=lambda kv: kv[0]):
            self._session.execute(_upsert_beneficiary(keep_end), [v for _k, v in run])
        if records:
            counts.put_in_records(self._session, records)
            quality.apply_records(self._session, records, 1)
            quality.drop_zeros(self._session)
        if self._changes:
            new = counts.unknown_events(self._session, [c["event_id"] for c in self._changes])
            self._session.execute(_insert_change(), self._changes)
            if new:
                counts.count_changes(self._session, new)
        if records or self._changes:
            counts.drop_zeros(self._session)
        self._beneficiaries.clear()
        self._changes.clear()


@functools.cache
def _upsert_beneficiary(keep_end: bool) -> Any:
    """The upsert, built once (a cached compiled statement): newer versions win, a missing
    start month keeps the stored one, ``keep_end`` keeps the stored end month."""
    stmt = insert(beneficiary)
    updated: dict[str, Any] = {
        c.name: stmt.excluded[c.name] for c in beneficiary.c if c.name != "record_id"
    }
    updated["start_month"] = func.coalesce(stmt.excluded.start_month, beneficiary.c.start_month)
    if keep_end:
        updated["end_month"] = beneficiary.c.end_month
    return stmt.on_conflict_do_update(
        index_elements=[beneficiary.c.record_id],
        set_=updated,
        where=beneficiary.c.version < stmt.excluded.version,
    )


@functools.cache
def _insert_change() -> Any:
    return insert(beneficiary_change).on_conflict_do_nothing(index_elements=["event_id"])
