"""Reads the read models (``ReportReads`` port): one grouped query per breakdown, all on the
reporting database (never the owning services' shards).

The SQL is assembled from this module's constant column expressions (``S608`` is silenced
for them); every value is a bound parameter."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ansinh_common.catalogs.payment_channels import payment_channels
from reporting.adapters import unit_quality_counts
from reporting.adapters.quality_fields import QUALITY
from reporting.adapters.unit_month_counts import counts_as_of
from reporting.domain.reports import (
    BeneficiariesReport,
    Level,
    QualityReport,
    UnitQuality,
    UnitScope,
    ranked,
)
from reporting.domain.rules.age_bands import BANDS
from reporting.domain.rules.month_deltas import UNIT_LEVELS

_AGE_BAND = (
    "CASE "
    + " ".join(
        f"WHEN age < {high + 1} THEN '{name}'" for name, _, high in BANDS if high is not None
    )
    + f" ELSE '{BANDS[-1][0]}' END"
)

_BREAKDOWNS = {
    "by_category": "category_code",
    "by_gender": "gender",
    "by_age_band": _AGE_BAND,
    "by_ethnicity": "coalesce(ethnicity_code, '')",
    "by_disability_level": "disability_level_code",
}

_QUALITY = QUALITY

_DIMENSIONS = {
    "by_category": "category",
    "by_gender": "gender",
    "by_age_band": "age_band",
    "by_ethnicity": "ethnicity",
    "by_disability_level": "disability_level",
}
_FIELDS = {dimension: name for name, dimension in _DIMENSIONS.items()}


_COUNTED_QUALITY = {(Level.COUNTRY, "province"), (Level.PROVINCE, "commune")}


class SqlReportReads:
    def __init__(self, session_scope: Callable[[], AbstractContextManager[Session]]) -> None:
        self._session = session_scope

    def beneficiaries(self, scope: UnitScope, month: date) -> BeneficiariesReport:
        """From the pre-aggregated counts (ADR 0034) for the country and a province: a sum
        over one unit's monthly deltas; a commune or district from its own rows."""
        level = scope.column() or "country"
        if level not in UNIT_LEVELS:
            return self.beneficiaries_by_scan(scope, month)
        with self._session() as session:
            sums, changes = counts_as_of(session, level, scope.code, month)
        out: dict[str, dict[str, int]] = {name: {} for name in _DIMENSIONS}
        for (dimension, key), n in sums.items():
            if dimension in _DIMENSIONS.values():
                out[_FIELDS[dimension]][key] = n
        return BeneficiariesReport(
            scope,
            month,
            sums.get(("total", ""), 0),
            care_support_households=sums.get(("care", ""), 0),
            changes=changes,
            **out,
        )

    def beneficiaries_by_scan(self, scope: UnitScope, month: date) -> BeneficiariesReport:
        """The same report counted over ``rm_beneficiary``: a commune's or a district's
        rows (indexed), and what the counts are checked against."""
        where, params = _where(scope)
        params["month"] = month
        paid = (
            f"SELECT *, (extract(year FROM age(:month, birth_month)))::int AS age "  # noqa: S608
            f"FROM rm_beneficiary WHERE start_month <= :month "
            f"AND (end_month IS NULL OR end_month >= :month){where}"
        )
        out: dict[str, Any] = {}
        with self._session() as session:
            for name, expr in _BREAKDOWNS.items():
                rows = session.execute(
                    text(f"SELECT {expr} AS k, count(*) FROM ({paid}) p GROUP BY 1"),  # noqa: S608
                    params,
                )
                out[name] = {str(k or ""): int(n) for k, n in rows if k is not None}
            total, care = session.execute(
                text(f"SELECT count(*), sum(care_support_households) FROM ({paid}) p"),  # noqa: S608
                params,
            ).one()
            changes = session.execute(
                text(
                    f"SELECT kind, count(*) FROM rm_beneficiary_change "  # noqa: S608
                    f"WHERE month = :month{where} GROUP BY kind"
                ),
                params,
            )
            out["changes"] = {str(k): int(n) for k, n in changes}
        return BeneficiariesReport(
            scope, month, int(total), care_support_households=int(care or 0), **out
        )

    def quality(self, scope: UnitScope, child_level: str) -> QualityReport:
        """The provinces of the country or the communes of a province from the
        pre-aggregated counts (ADR 0034); anything else from the rows."""
        if (scope.level, child_level) not in _COUNTED_QUALITY:
            return self.quality_by_scan(scope, child_level)
        province = None if scope.level is Level.COUNTRY else scope.code
        with self._session() as session:
            found = unit_quality_counts.by_unit(session, province)
        units = [
            UnitQuality(unit_code=unit, records=records, present=has, applicable=needs)
            for unit, (records, has, needs) in found.items()
        ]
        return QualityReport(scope, ranked(units))

    def quality_by_scan(self, scope: UnitScope, child_level: str) -> QualityReport:
        """The campaign counted over ``rm_beneficiary``."""
        where, params = _where(scope)
        params["account_channels"] = [c.code for c in payment_channels() if c.needs_account]
        child = f"{child_level}_2025"
        columns = ", ".join(
            f"count(*) FILTER (WHERE {present}) AS p_{name}, "
            f"count(*) FILTER (WHERE {applicable}) AS a_{name}"
            for name, (present, applicable) in _QUALITY.items()
        )
        sql = (
            f"SELECT {child} AS unit, count(*) AS records, {columns} FROM rm_beneficiary "  # noqa: S608
            f"WHERE status = 'active' AND {child} IS NOT NULL{where} GROUP BY 1"
        )
        with self._session() as session:
            rows = session.execute(text(sql), params).mappings().all()
        units = [
            UnitQuality(
                unit_code=row["unit"],
                records=int(row["records"]),
                present={name: int(row[f"p_{name}"]) for name in _QUALITY},
                applicable={name: int(row[f"a_{name}"]) for name in _QUALITY},
            )
            for row in rows
        ]
        return QualityReport(scope, ranked(units))

    def record_counts(self) -> dict[tuple[str, str], int]:
        """Records per (shard province, status): what the reconciliation compares."""
        with self._session() as session:
            rows = session.execute(
                text("SELECT province_code, status, count(*) FROM rm_beneficiary GROUP BY 1, 2")
            )
            return {(str(p), str(s)): int(n) for p, s, n in rows}


def _where(scope: UnitScope) -> tuple[str, dict[str, Any]]:
    column = scope.column()
    if column is None:
        return "", {}
    return f" AND {column} = :unit", {"unit": scope.code}
