"""The data-quality campaign pre-aggregated (``rm_unit_quality_count``, ADR 0034): per 2025
province and commune, the active records and, per required field, how many have it and how
many need it. Kept like the month counts (a batch's records taken out before their rows
change, put back after), so the country's campaign is a sum over a few thousand communes
instead of a scan of every record. Values are bound parameters; the SQL is this module's
constants."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from ansinh_common.catalogs.payment_channels import payment_channels
from reporting.adapters.quality_fields import QUALITY

RECORDS = "records"

_FIELDS = ", ".join(
    [f"('{RECORDS}', true, true)"]
    + [f"('{name}', {present}, {applicable})" for name, (present, applicable) in QUALITY.items()]
)

QUALITY_DELTAS = (
    "INSERT INTO rm_unit_quality_count AS q (province_2025, commune_2025, field, present, "  # noqa: S608
    "applicable) SELECT r.province_2025, coalesce(r.commune_2025, ''), f.field, "
    "count(*) FILTER (WHERE f.present AND f.applicable) * :sign, "
    "count(*) FILTER (WHERE f.applicable) * :sign "
    f"FROM rm_beneficiary r CROSS JOIN LATERAL (VALUES {_FIELDS}) f(field, present, applicable) "
    "WHERE ({rows}) AND r.status = 'active' GROUP BY 1, 2, 3 "
    "ON CONFLICT (province_2025, commune_2025, field) DO UPDATE SET "
    "present = q.present + excluded.present, applicable = q.applicable + excluded.applicable"
)
"""+``sign`` × the quality counts of the active records ``rows`` selects."""

_BY_RECORD = text(QUALITY_DELTAS.format(rows="r.record_id = ANY(:ids)"))
_DROP_ZEROS = text("DELETE FROM rm_unit_quality_count WHERE applicable = 0")
"""Counts of nothing (a unit left without active records, a field no record needs) leave the
table (partial index), so it is a function of the rows alone."""


def _channels() -> list[str]:
    return [c.code for c in payment_channels() if c.needs_account]


def apply_records(session: Session, record_ids: list[str], sign: int) -> None:
    session.execute(_BY_RECORD, {"ids": record_ids, "sign": sign, "account_channels": _channels()})


def drop_zeros(session: Session | Connection) -> None:
    session.execute(_DROP_ZEROS)


def fill_all(session: Session | Connection) -> None:
    session.execute(text("DELETE FROM rm_unit_quality_count"))
    session.execute(
        text(QUALITY_DELTAS.format(rows="true")), {"sign": 1, "account_channels": _channels()}
    )
    drop_zeros(session)


def by_unit(
    session: Session, province: str | None
) -> dict[str, tuple[int, dict[str, int], dict[str, int]]]:
    """Per province (``province`` ``None``) or per commune of ``province``: (records,
    present per field, applicable per field)."""
    if province is None:
        sql = "SELECT province_2025, field, sum(present), sum(applicable) FROM "
        sql += "rm_unit_quality_count GROUP BY 1, 2"
        rows: Any = session.execute(text(sql))
    else:
        sql = "SELECT commune_2025, field, present, applicable FROM rm_unit_quality_count "
        sql += "WHERE province_2025 = :province AND commune_2025 <> ''"
        rows = session.execute(text(sql), {"province": province})
    out: dict[str, tuple[int, dict[str, int], dict[str, int]]] = {}
    for unit, field, present, applicable in rows:
        _, has, needs = out.setdefault(str(unit), (0, dict.fromkeys(QUALITY, 0),
                                                   dict.fromkeys(QUALITY, 0)))  # fmt: skip
        if field == RECORDS:
            out[str(unit)] = (int(applicable), has, needs)
        else:
            has[str(field)], needs[str(field)] = int(present), int(applicable)
    return out
