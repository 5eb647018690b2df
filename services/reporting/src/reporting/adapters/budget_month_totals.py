"""The pre-aggregated budget (``rm_budget_month_total``, ADR 0040) in SQL.

Per unit, month, figure, Art. 5 group, channel and arrears flag: the number of entries and
their amount. ``owed`` and ``approved`` are the lists' totals as last generated and as
approved (``rm_payment_total``); ``paid`` and ``unpaid`` are the lines by their latest result
(``rm_payment_result``, the highest sequence number of the line in its month). The same
statements serve the projection (one list's stage, or the lines of a result: taken out
before the rows change and put back after) and a bulk fill (``rows`` = ``true``), so the
table is a function of the read-model rows alone, whatever the order and duplicates of the
events. Kept for every unit level of both catalogs (a level's rows are few: units × groups ×
channels). The SQL is assembled from this module's constants; every value is a bound
parameter."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from reporting.domain.rules.month_deltas import COUNTRY_CODE

_UNITS = ("province_2025", "commune_2025", "province_pre", "district_pre", "commune_pre")
LEVELS: tuple[str, ...] = ("country", *_UNITS)

_UPSERT = (
    "INSERT INTO rm_budget_month_total (unit_level, unit_code, month, figure, group_code, "  # noqa: S608
    "channel, arrears, entries, amount_vnd) "
    "SELECT u.level, u.code, d.month, d.figure, d.group_code, d.channel, d.arrears, "
    "sum(d.entries) * :sign, sum(d.amount) * :sign FROM ({select}) d "
    f"CROSS JOIN LATERAL (VALUES ('country', '{COUNTRY_CODE}'), "
    + ", ".join(f"('{c}', d.{c})" for c in _UNITS)
    + ") u(level, code) WHERE u.code IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 "
    "ON CONFLICT (unit_level, unit_code, month, figure, group_code, channel, arrears) "
    "DO UPDATE SET entries = rm_budget_month_total.entries + excluded.entries, "
    "amount_vnd = rm_budget_month_total.amount_vnd + excluded.amount_vnd"
)
_GROUPED = ", ".join(f"r.{c}" for c in _UNITS)

RESULT_TOTALS = _UPSERT.format(
    select=(
        f"SELECT {_GROUPED}, r.month, "  # noqa: S608
        "CASE WHEN r.outcome = 'paid' THEN 'paid' ELSE 'unpaid' END AS figure, r.group_code, "
        "r.channel, r.arrears, count(*) AS entries, sum(r.amount_vnd) AS amount FROM ("
        "SELECT DISTINCT ON (p.line_id, p.month) * FROM rm_payment_result p WHERE {rows} "
        "ORDER BY p.line_id, p.month, p.seq DESC) r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
    )
)
"""+``sign`` × the latest results of the lines ``rows`` selects (a condition on ``p`` that
selects all of a line's rows)."""

LIST_TOTALS = _UPSERT.format(
    select=(
        f"SELECT {_GROUPED}, r.month, t.stage AS figure, t.group_code, t.channel, "  # noqa: S608
        "t.arrears, count(*) AS entries, sum(t.amount_vnd) AS amount FROM rm_payment_total t "
        "JOIN rm_payment_list r USING (list_id) WHERE {rows} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
    )
)
"""+``sign`` × the lists' totals ``rows`` selects (a condition on ``t``)."""

_BY_LINE = text(RESULT_TOTALS.format(rows="p.line_id = :id"))
_BY_LIST = text(LIST_TOTALS.format(rows="t.list_id = :id AND t.stage = :stage"))
_DROP_ZEROS = text("DELETE FROM rm_budget_month_total WHERE entries = 0")


def apply_line(session: Session, line_id: str, sign: int) -> None:
    """``sign`` × the line's latest result (−1 before a result is stored, +1 after)."""
    session.execute(_BY_LINE, {"id": line_id, "sign": sign})
    if sign > 0:
        session.execute(_DROP_ZEROS)


def apply_list(session: Session, list_id: str, stage: str, sign: int) -> None:
    """``sign`` × the list's totals of ``stage`` (−1 before they are replaced, +1 after)."""
    session.execute(_BY_LIST, {"id": list_id, "stage": stage, "sign": sign})
    if sign > 0:
        session.execute(_DROP_ZEROS)


def fill_all(session: Session | Connection) -> None:
    """Computes the whole table from the read models (a migration, a bulk load)."""
    session.execute(text("DELETE FROM rm_budget_month_total"))
    session.execute(text(RESULT_TOTALS.format(rows="true")), {"sign": 1})
    session.execute(text(LIST_TOTALS.format(rows="true")), {"sign": 1})
    session.execute(_DROP_ZEROS)


_READ = text(
    "SELECT figure, group_code, channel, arrears, amount_vnd FROM rm_budget_month_total "
    "WHERE unit_level = :level AND unit_code = :unit AND month = :month"
)


def totals_of(
    session: Session, level: str, unit: str, month: date
) -> list[tuple[str, str, str, bool, int]]:
    """(figure, group, channel, arrears, amount) of one unit's month."""
    params = {"level": level, "unit": unit, "month": month}
    return [
        (str(f), str(g), str(c), bool(a), int(v))
        for f, g, c, a, v in session.execute(_READ, params)
    ]
