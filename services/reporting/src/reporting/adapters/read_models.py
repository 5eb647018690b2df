"""Writes the read models (``ReadModelWriter`` port) in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

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
    def __init__(self, session: Session) -> None:
        self._session = session

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
        stmt = insert(beneficiary).values(**values)
        updated: dict[str, Any] = {k: stmt.excluded[k] for k in values if k != "record_id"}
        updated["start_month"] = func.coalesce(stmt.excluded.start_month, beneficiary.c.start_month)
        if row.end is EndMonth.KEEP:
            updated["end_month"] = beneficiary.c.end_month
        stmt = stmt.on_conflict_do_update(
            index_elements=[beneficiary.c.record_id],
            set_=updated,
            where=beneficiary.c.version < stmt.excluded.version,
        )
        self._session.execute(stmt)

    def add_change(self, row: ChangeRow) -> None:
        stmt = insert(beneficiary_change).values(
            event_id=row.event_id,
            record_id=row.record_id,
            kind=row.kind.value,
            month=row.month,
            **_units(row.units),
            category_code=row.category_code,
        )
        self._session.execute(stmt.on_conflict_do_nothing(index_elements=["event_id"]))
