"""The poverty and budget halves of ``gateway_latency.py`` (ADR 0040): the synthetic country's
households and payment month in the reporting read models and in the owners' tables, and
the owners' answer to the same questions.

**Shape** (``scale`` × the full country, every number derived from the index ``n``, so both
sides hold the same facts; 2025 communes only, as the poverty service and a 2025 month):

* **Poverty.** 3.3 M reviewed households, one per ``n``, in commune ``n mod`` the 3 321
  communes. The 2024 review (effective 15 Dec 2024): 12 % poor, 20 % near-poor (about 1.06 M),
  the rest not poor; a poor or near-poor household lacks about two of the 12 indicators. 5 % get a
  second decision in the report month (an exit or an entry: poor → near-poor, near-poor →
  not poor, not poor → poor or near-poor), 2 % a third after it (not counted as of the month).
* **Budget.** One list per commune for the month (90 % approved, half of those closed) and
  3.65 M lines spread over them: Art. 5 group ``n mod 7``, one of six channels (cash at the
  commune, post, VBSP, Agribank, MoMo, ZaloPay), one in twenty arrears (paying the month
  before), 500 000–1 220 000 VND. Every line has a result: 4 % failed, 2 % returned, else
  paid; 2.5 % of the lines first had a failed result that a later one superseded (two rows
  in ``rm_payment_result``; the payment service keeps the latest only).

**Reporting side.** ``rm_poverty_status`` (the moves by the projection's rule
``poverty_moves.moves``, as a table of the status pairs; units by ``units_on``),
``rm_payment_list``, ``rm_payment_total`` (owed and approved per list, grouped from the
lines) and ``rm_payment_result``, one ``INSERT … SELECT`` per chunk; then the aggregates by
the projection's own SQL (``poverty_month_counts.fill_all``, ``budget_month_totals.fill_all``).

**Owners' side.** The poverty service's ``households`` and ``household_status_changes``, the
payment service's ``payment_lists``, ``payment_lines`` (the group in the breakdown's first
part), ``payment_line_channels`` and ``payment_results``, each on the shard of its province.
The owners' questions: the household's latest decision up to the month (``DISTINCT ON``)
counted by status and deprivation, and the month's decisions with their previous status
(``lag``) for the moves; the lists of the month, and the lines' facts by the payment
service's own SQL (``report_totals._LINE_FACTS``) joined to their results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import product
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ansinh_common.catalogs.admin_units import CatalogVersion, Level, units
from payment.adapters.report_totals import _LINE_FACTS
from payment.adapters.settlement_store import DEFAULT_CHANNEL
from reporting.adapters import budget_month_totals, poverty_month_counts
from reporting.domain.budget import through_account
from reporting.domain.rules.poverty_moves import moves
from reporting.domain.rules.unit_versions import MERGER_MONTH, units_on

HOUSEHOLDS = 3_300_000
LINES = 3_650_000
STATUSES = ("poor", "near_poor", "none")
INDICATORS = ("health_insurance", "health_care", "nutrition", "education_adult",
              "education_children", "housing_quality", "housing_area", "clean_water",
              "sanitation", "telecom", "information_access", "employment")  # fmt: skip
GROUPS = ("5.1", "5.2", "5.3", "5.4", "5.5a", "5.5b", "5.6")
CHANNELS = ("CASH_COMMUNE", "VNPOST", "VBSP", "AGRIBANK", "MOMO", "ZALOPAY")
APPROVED = ("approved", "exported", "closed")


def unit_rows() -> list[dict[str, Any]]:
    """The 2025 communes with their units, by the projection's builder."""
    rows = []
    for unit in units(CatalogVersion.V2025, Level.COMMUNE):
        codes = units_on(unit.code, MERGER_MONTH, unit.code[:2])
        rows.append({"i": len(rows), "commune_2025": codes.commune_2025,
                     "province_2025": codes.province_2025})  # fmt: skip
    return rows


def _load(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    conn.execute(sa.text("CREATE UNLOGGED TABLE bench_units25 (i int PRIMARY KEY, "
                         "commune_2025 text, province_2025 text)"))  # fmt: skip
    conn.execute(sa.text("INSERT INTO bench_units25 VALUES (:i, :commune_2025, "
                         ":province_2025)"), rows)  # fmt: skip
    pairs = [{"p": p, "s": s, "m": list(moves(p, s))} for p, s in product(STATUSES, STATUSES)]
    conn.execute(sa.text("CREATE UNLOGGED TABLE bench_moves (p text, s text, m text[])"))
    conn.execute(sa.text("INSERT INTO bench_moves VALUES (:p, :s, :m)"), pairs)


def _drop(engine: sa.Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("DROP TABLE bench_units25, bench_moves"))
        conn.execute(sa.text("VACUUM ANALYZE"))


# --- poverty -------------------------------------------------------------------------------
_DEPRIVED = " || ".join(
    f"CASE WHEN (n / {k + 2}) % 6 = 0 THEN ARRAY['{code}'] ELSE '{{}}'::text[] END"
    for k, code in enumerate(INDICATORS)
)
DECISIONS = f"""
SELECT n, 'hh-' || n AS household_id, u.commune_2025, u.province_2025, d.k, d.effective_on,
       d.status, d.previous,
       CASE WHEN d.status IN ('poor', 'near_poor') THEN
         ARRAY(SELECT x FROM unnest({_DEPRIVED}) x ORDER BY x) ELSE '{{}}'::text[] END
         AS deprivations
  FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) n
  JOIN bench_units25 u ON u.i = n % :units
  CROSS JOIN LATERAL (SELECT CASE WHEN n % 25 < 3 THEN 'poor' WHEN n % 25 < 8 THEN 'near_poor'
                             ELSE 'none' END AS s1) a
  CROSS JOIN LATERAL (SELECT CASE a.s1 WHEN 'poor' THEN 'near_poor' WHEN 'near_poor' THEN 'none'
                             WHEN 'none' THEN CASE WHEN n % 3 = 0 THEN 'poor' ELSE 'near_poor'
                             END END AS s2) b
  CROSS JOIN LATERAL (VALUES
      (1, date '2024-12-15', a.s1, 'none', true),
      (2, CAST(:month AS date) + 9, b.s2, a.s1, n % 20 = 7),
      (3, (CAST(:month AS date) + interval '2 months' + interval '4 days')::date, 'poor',
       CASE WHEN n % 20 = 7 THEN b.s2 ELSE a.s1 END, n % 50 = 11)
  ) d(k, effective_on, status, previous, happens)
 WHERE d.happens
"""
POVERTY_READ_MODEL = f"""
INSERT INTO rm_poverty_status (event_id, household_id, seq, province_2025, commune_2025, month,
       review_year, status, previous_status, moves, deprivations)
SELECT 'pv-' || n || '-' || k, household_id, row_number() OVER (PARTITION BY household_id
       ORDER BY k), province_2025, commune_2025, date_trunc('month', effective_on)::date,
       extract(year FROM effective_on)::int, status, previous, m.m, deprivations
  FROM ({DECISIONS}) x JOIN bench_moves m ON m.p = x.previous AND m.s = x.status
"""
POVERTY_OWNER = [
    f"""
INSERT INTO households (household_id, province_code, commune_code, village, address, area,
       created_at, created_by)
SELECT household_id, province_2025, commune_2025, 'Thôn 1', 'Số ' || n, 'rural', now(), 'bench'
  FROM ({DECISIONS}) x WHERE k = 1 AND province_2025 = ANY(:provinces)
""",
    f"""
INSERT INTO household_status_changes (household_id, review_year, status, effective_on,
       decision_number, decided_by, standard_code, deprivations, low_income_members,
       recorded_at)
SELECT household_id, extract(year FROM effective_on)::int, status, effective_on,
       n || '/QĐ-UBND', 'chair', '2022-2025', deprivations, '{{}}', now()
  FROM ({DECISIONS}) x WHERE province_2025 = ANY(:provinces) ORDER BY n, k
""",
]
_OWNER_LATEST = """
WITH latest AS (
  SELECT DISTINCT ON (c.household_id) c.status, c.deprivations
    FROM household_status_changes c JOIN households h USING (household_id)
   WHERE c.effective_on < :next
   ORDER BY c.household_id, c.effective_on DESC, c.change_id DESC)
"""
POVERTY_QUESTIONS = [
    _OWNER_LATEST + "SELECT 'status', status, count(*) FROM latest GROUP BY 2",
    _OWNER_LATEST + "SELECT 'deprivation', d, count(*) FROM latest, unnest(deprivations) d "
    "WHERE status IN ('poor', 'near_poor') GROUP BY 2",
    """
SELECT 'pair', previous || '>' || status, count(*) FROM (
  SELECT c.status, c.effective_on, coalesce(lag(c.status) OVER (PARTITION BY c.household_id
         ORDER BY c.effective_on, c.change_id), 'none') AS previous
    FROM household_status_changes c JOIN households h USING (household_id)
   WHERE c.effective_on < :next) x
 WHERE effective_on >= :month GROUP BY 2
""",
]


def ask_poverty_owner(engines: list[sa.Engine], pool: ThreadPoolExecutor, month: date,
                      next_month: date) -> dict[str, Any]:  # fmt: skip
    """The country's poverty report on every poverty shard in parallel, summed."""

    def one(engine: sa.Engine) -> list[Any]:
        with engine.connect() as conn:
            params = {"month": month, "next": next_month}
            return [r for sql in POVERTY_QUESTIONS for r in conn.execute(sa.text(sql), params)]

    statuses: Counter[str] = Counter()
    deprivations: Counter[str] = Counter()
    mv: Counter[str] = Counter()
    for rows in pool.map(one, engines):
        for kind, key, n in rows:
            if kind == "status":
                statuses[key] += int(n)
            elif kind == "deprivation":
                deprivations[key] += int(n)
            else:
                previous, status = key.split(">")
                for m in moves(previous, status):
                    mv[m] += int(n)
    return {"households": sum(statuses.values()), "poor": statuses["poor"],
            "near_poor": statuses["near_poor"], "moves": dict(mv),
            "deprivations": dict(deprivations)}  # fmt: skip


def poverty_from_gateway(body: dict[str, Any]) -> dict[str, Any]:
    return {"households": int(body["households"]), "poor": int(body["poor"]),
            "near_poor": int(body["near_poor"]),
            "moves": {m["key"]: int(m["count"]) for m in body.get("moves", [])},
            "deprivations": {d["key"]: int(d["count"])
                             for d in body.get("deprivations", [])}}  # fmt: skip


# --- budget --------------------------------------------------------------------------------
_CHANNEL = "(ARRAY[" + ", ".join(f"'{c}'" for c in CHANNELS) + "])[1 + (n / 7) % 6]"
PAY_LINES = f"""
SELECT n, 'ln-' || n AS line_id, 'ls-' || u.commune_2025 AS list_id, u.commune_2025,
       u.province_2025, (ARRAY[{", ".join(f"'{g}'" for g in GROUPS)}])[1 + n % 7] AS group_code,
       {_CHANNEL} AS channel, n % 20 = 0 AS arrears,
       CASE WHEN n % 20 = 0 THEN (CAST(:month AS date) - interval '1 month')::date
            ELSE CAST(:month AS date) END AS month_for,
       500000 + (n % 5) * 180000 AS amount_vnd,
       CASE WHEN n % 25 = 1 THEN 'failed' WHEN n % 50 = 3 THEN 'returned' ELSE 'paid' END
         AS outcome, n % 40 = 5 AS superseded
  FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) n
  JOIN bench_units25 u ON u.i = n % :units
"""
LISTS = """
SELECT 'ls-' || u.commune_2025 AS list_id, u.commune_2025, u.province_2025,
       u.i % 10 <> 0 AS approved, u.i % 10 <> 0 AND u.i % 2 = 0 AS closed
  FROM bench_units25 u
"""
BUDGET_READ_MODEL_LISTS = [
    f"""
INSERT INTO rm_payment_list (list_id, province_code, province_2025, commune_2025, month,
       lines, owed_vnd, approved_vnd, closed)
SELECT l.list_id, l.province_2025, l.province_2025, l.commune_2025, :month, t.lines, t.owed,
       CASE WHEN l.approved THEN t.owed END, l.closed
  FROM ({LISTS}) l JOIN bench_list_sums t USING (list_id)
""",
    f"""
INSERT INTO rm_payment_total (list_id, stage, group_code, channel, arrears, lines, amount_vnd)
SELECT g.list_id, s.stage, g.group_code, g.channel, g.arrears, g.lines, g.amount
  FROM bench_group_sums g JOIN ({LISTS}) l USING (list_id),
       LATERAL (VALUES ('owed', true), ('approved', l.approved)) s(stage, kept)
 WHERE s.kept
""",
]
BUDGET_SUMS = f"""
INSERT INTO bench_group_sums
SELECT list_id, group_code, channel, arrears, count(*), sum(amount_vnd)
  FROM ({PAY_LINES}) x GROUP BY 1, 2, 3, 4
"""
BUDGET_READ_MODEL_RESULTS = f"""
INSERT INTO rm_payment_result (event_id, line_id, seq, province_2025, commune_2025, month,
       outcome, channel, amount_vnd, group_code, arrears)
SELECT 'pr-' || n || '-' || r.seq, line_id, r.seq, province_2025, commune_2025, :month,
       r.outcome, channel, amount_vnd, group_code, arrears
  FROM ({PAY_LINES}) x,
       LATERAL (VALUES (1, CASE WHEN superseded THEN 'failed' ELSE outcome END),
                       (2, CASE WHEN superseded THEN outcome END)) r(seq, outcome)
 WHERE r.outcome IS NOT NULL
"""
BUDGET_OWNER_LISTS = f"""
INSERT INTO payment_lists (id, province_code, commune_code, month, state, prepared_by,
       line_count, total_vnd)
SELECT l.list_id, l.province_2025, l.commune_2025, :month,
       CASE WHEN l.closed THEN 'closed' WHEN l.approved THEN 'approved' ELSE 'draft' END,
       'maker', t.lines, t.owed
  FROM ({LISTS}) l JOIN bench_list_sums t USING (list_id)
 WHERE l.province_2025 = ANY(:provinces)
"""
BUDGET_OWNER_LINES = [
    f"""
INSERT INTO payment_lines (id, list_id, record_id, national_id, full_name, kind, month_for,
       amount_vnd, breakdown)
SELECT line_id, list_id, 'rec-' || n, lpad(n::text, 12, '0'), 'Nguyễn Văn ' || n,
       CASE WHEN arrears THEN 'arrears' ELSE 'regular' END, month_for, amount_vnd,
       jsonb_build_object('parts', jsonb_build_array(jsonb_build_object('group', group_code,
                                                                        'amount', amount_vnd)))
  FROM ({PAY_LINES}) x WHERE province_2025 = ANY(:provinces)
""",
    f"""
INSERT INTO payment_line_channels (line_id, list_id, channel_code)
SELECT line_id, list_id, channel FROM ({PAY_LINES}) x WHERE province_2025 = ANY(:provinces)
""",
    f"""
INSERT INTO payment_results (line_id, list_id, national_id, month, channel_code, outcome,
       amount_vnd, reason_code, import_id, recorded_by)
SELECT line_id, list_id, lpad(n::text, 12, '0'), :month, channel, outcome, amount_vnd,
       CASE WHEN outcome <> 'paid' THEN 'R01' END, 'imp-1', 'bench'
  FROM ({PAY_LINES}) x WHERE province_2025 = ANY(:provinces)
""",
]
BUDGET_QUESTIONS = [
    "SELECT count(*), count(*) FILTER (WHERE state = 'closed'), coalesce(sum(total_vnd), 0), "
    "coalesce(sum(total_vnd) FILTER (WHERE state IN ('approved', 'exported', 'closed')), 0) "
    "FROM payment_lists WHERE month = :month",
    f"""
WITH f AS ({_LINE_FACTS} WHERE pl.month = :month)
SELECT 'owed', group_code, channel, arrears, sum(amount_vnd) FROM f GROUP BY 2, 3, 4
UNION ALL
SELECT 'approved', f.group_code, f.channel, f.arrears, sum(f.amount_vnd) FROM f
  JOIN payment_lists a ON a.id = f.list_id WHERE a.state IN ('approved', 'exported', 'closed')
 GROUP BY 2, 3, 4
UNION ALL
SELECT CASE WHEN r.outcome = 'paid' THEN 'paid' ELSE 'unpaid' END, f.group_code,
       r.channel_code, f.arrears, sum(r.amount_vnd) FROM f JOIN payment_results r
    ON r.line_id = f.id GROUP BY 1, 2, 3, 4
""",
]


def _fill_chunks(engine: sa.Engine, total: int, statements: list[str],
                 params: dict[str, Any]) -> None:  # fmt: skip
    size = 500_000
    for first in range(1, total + 1, size):
        with engine.begin() as conn:
            for sql in statements:
                conn.execute(sa.text(sql), {**params, "first": first,
                                            "last": min(first + size - 1, total)})  # fmt: skip


def _budget_sums(conn: sa.Connection, lines: int, params: dict[str, Any]) -> None:
    conn.execute(sa.text("CREATE UNLOGGED TABLE bench_group_sums (list_id text, "
                         "group_code text, channel text, arrears bool, lines bigint, "
                         "amount bigint)"))  # fmt: skip
    conn.execute(sa.text(BUDGET_SUMS), {**params, "first": 1, "last": lines})
    conn.execute(sa.text("CREATE UNLOGGED TABLE bench_list_sums AS SELECT list_id, "
                         "sum(lines) AS lines, sum(amount) AS owed FROM bench_group_sums "
                         "GROUP BY 1"))  # fmt: skip


def fill_reporting(engine: sa.Engine, rows: list[dict[str, Any]], households: int, lines: int,
                   month: date, log: Callable[[str], None]) -> None:  # fmt: skip
    """The read models and their aggregates (by the projection's SQL); ``0`` skips one."""
    params: dict[str, Any] = {"units": len(rows), "month": month}
    with engine.begin() as conn:
        _load(conn, rows)
        if lines:
            _budget_sums(conn, lines, params)
            for sql in BUDGET_READ_MODEL_LISTS:
                conn.execute(sa.text(sql), params)
    if households:
        _fill_chunks(engine, households, [POVERTY_READ_MODEL], params)
    if lines:
        _fill_chunks(engine, lines, [BUDGET_READ_MODEL_RESULTS], params)
    with Session(engine) as session, session.begin():
        if households:
            poverty_month_counts.fill_all(session)
        if lines:
            budget_month_totals.fill_all(session)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS bench_group_sums, bench_list_sums"))
    _drop(engine)
    with engine.connect() as conn:
        for table in ("rm_poverty_month_count", "rm_budget_month_total"):
            n = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
            log(f"  {table}: {n} rows")


def fill_owner_shard(engine: sa.Engine, provinces: list[str], rows: list[dict[str, Any]],
                     *, households: int = 0, lines: int = 0, month: date) -> None:  # fmt: skip
    """A poverty shard (``households``) or a payment shard (``lines``)."""
    params: dict[str, Any] = {"units": len(rows), "month": month, "provinces": provinces}
    with engine.begin() as conn:
        _load(conn, rows)
        if lines:
            _budget_sums(conn, lines, params)
            conn.execute(sa.text(BUDGET_OWNER_LISTS), params)
    if households:
        _fill_chunks(engine, households, POVERTY_OWNER, params)
    if lines:
        _fill_chunks(engine, lines, BUDGET_OWNER_LINES, params)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE bench_group_sums, bench_list_sums"))
    _drop(engine)


def ask_budget_owner(engines: list[sa.Engine], pool: ThreadPoolExecutor,
                     month: date) -> dict[str, Any]:  # fmt: skip
    """The country's budget report on every payment shard in parallel, summed."""

    def one(engine: sa.Engine) -> tuple[Any, list[Any]]:
        with engine.connect() as conn:
            lists = conn.execute(sa.text(BUDGET_QUESTIONS[0]), {"month": month}).one()
            facts = conn.execute(sa.text(BUDGET_QUESTIONS[1]),
                                 {"month": month, "default": DEFAULT_CHANNEL}).all()  # fmt: skip
        return lists, facts

    head = [0, 0, 0, 0]
    figures: dict[tuple[str, str, bool], dict[str, int]] = {}
    for lists, facts in pool.map(one, engines):
        head = [a + int(b) for a, b in zip(head, lists, strict=True)]
        for figure, g, c, a, v in facts:
            cell = figures.setdefault((str(g), str(c), bool(a)), {})
            cell[str(figure)] = cell.get(str(figure), 0) + int(v)
    return _budget_answer(head, figures)


def _budget_answer(head: list[int], figures: dict[tuple[str, str, bool], dict[str, int]]
                   ) -> dict[str, Any]:  # fmt: skip
    paid_by_channel: Counter[str] = Counter()
    for (_, c, _), cell in figures.items():
        if cell.get("paid"):
            paid_by_channel[c] += cell["paid"]
    paid = sum(paid_by_channel.values())
    lines = {k: tuple(v.get(f, 0) for f in ("owed", "approved", "paid", "unpaid"))
             for k, v in figures.items()}  # fmt: skip
    return {"lists": head[0], "closed_lists": head[1], "owed_vnd": head[2],
            "approved_vnd": head[3], "paid_vnd": paid,
            "unpaid_vnd": sum(v.get("unpaid", 0) for v in figures.values()),
            "paid_by_channel": dict(paid_by_channel),
            "account_share": round(sum(v for c, v in paid_by_channel.items()
                                       if through_account(c)) / paid, 6) if paid else 0.0,
            "lines": lines}  # fmt: skip


def budget_from_gateway(body: dict[str, Any]) -> dict[str, Any]:
    figures = {(x["group_code"], x["channel"], bool(x.get("arrears", False))): {
        f: int(x.get(f"{f}_vnd", 0)) for f in ("owed", "approved", "paid", "unpaid")}
        for x in body.get("lines", [])}  # fmt: skip
    head = [int(body.get(k, 0)) for k in ("lists", "closed_lists", "owed_vnd", "approved_vnd")]
    answer = _budget_answer(head, figures)  # the lines as the gateway gave them
    answer.update(  # the totals as the gateway gave them, not recomputed
        paid_vnd=int(body.get("paid_vnd", 0)),
        unpaid_vnd=int(body.get("unpaid_vnd", 0)),
        paid_by_channel={c["key"]: int(c["count"]) for c in body.get("paid_by_channel", [])},
        account_share=round(float(body.get("account_share", 0.0)), 6),
    )
    return answer
