"""The ministry-wide procedures report over a full synthetic country (ADR 0041): the loaders
and the owner-side question of ``gateway_latency.py --reports procedures``.

* **Shape (not timed).** ``--scale`` × 1 M one-stop dossiers, a year of them (submitted
  from 2025-07-01 to 2026-06-30, one in 365 per day, 8:00–16:00 local time) over every
  commune of the 2025 catalog, five procedures, the three channels. Each dossier goes
  submitted → in_review (received 0–2 days and 0–4 h later, due 15 days after) → appraisal
  (1–6 days and 0–59 min) → approval (0–7 days, 0–23 h) → decided (0–8 days, 0–6 h; one in
  29 rejected); one in 17 is withdrawn instead of appraised. The events after 2026-06-30
  (local) are not there yet: those dossiers are pending. About one in five is resolved late.
  Every number derives from the dossier's index ``n``, so both sides hold the same
  dossiers.
* **Reporting side.** Into the fresh reporting database: ``rm_dossier_event`` (one row per
  status change, as the projection writes it) and ``rm_dossier`` (the summary) by
  ``INSERT … SELECT``; the units of each commune from the projection's own builder
  (``unit_versions.units_on``); a sample of dossiers is re-summarized with the projection's
  ``summarize`` and must equal the rows; then the aggregates by the projection's SQL
  (``procedure_counts.fill_all``).
* **Owner side.** The same dossiers in fresh dossier-service shard databases (three shards +
  global, its migrations): ``dossiers`` and ``dossier_history``, each on the shard of its
  province. The question, on each shard in parallel (direct SQL): per procedure, channel
  and province, received / resolved on time / resolved late / pending as of the month, from
  ``dossiers`` ⋈ the resolution in ``dossier_history``; and the step durations of the month
  (``lag`` over each dossier's history), returned as (state, seconds, count) so the shards'
  answers merge exactly, the average and p90 computed over all of them.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ansinh_common.catalogs.admin_units import CatalogVersion, Level, units
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from dossier.config import DossierSettings
from reporting.adapters import procedure_counts
from reporting.domain.procedures import DossierStep, summarize
from reporting.domain.rules.unit_versions import units_on

ROOT = Path(__file__).resolve().parents[2]
DOSSIER_INI = ROOT / "services" / "dossier" / "alembic.ini"
COUNTRY_DOSSIERS = 1_000_000  # a year of one-stop dossiers at scale 1.0
SAMPLE = 2000
STEP_TOLERANCE_DAYS = 1 / 24 + 0.001  # the p90 from one-hour buckets (ADR 0041)

UNITS_TABLE = """
CREATE UNLOGGED TABLE bench_dossier_units (i int PRIMARY KEY, province_2025 text,
  commune_2025 text, province_pre text, district_pre text, commune_pre text)
"""
SOURCE = """
SELECT 'bd-' || n AS dossier_id, n, u.*,
       (ARRAY['1.001776','1.001758','2.000286','1.001739','2.000744'])[1 + n % 5]
         AS procedure_code,
       1 + (n / 5) % 3 AS channel,
       timestamptz '2025-07-01 01:00:00+00' + ((n * 7919) % 365) * interval '1 day'
         + (n % 9) * interval '1 hour' AS t1
  FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) n
  JOIN bench_dossier_units u ON u.i = n % :units
"""
STEPS = f"""
SELECT s.*, e.version, e.state, e.previous_state, e.action, e.at,
       (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS local_date,
       CASE WHEN e.version >= 2 THEN (t2 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 15 END
         AS due_on
  FROM ({SOURCE}) s
 CROSS JOIN LATERAL (SELECT s.t1 + (s.n % 3) * interval '1 day'
                            + ((s.n * 7) % 5) * interval '1 hour' AS t2) a
 CROSS JOIN LATERAL (SELECT a.t2 + (1 + s.n % 6) * interval '1 day'
                            + ((s.n * 37) % 60) * interval '1 minute' AS t3) b
 CROSS JOIN LATERAL (SELECT b.t3 + ((s.n / 7) % 8) * interval '1 day'
                            + ((s.n * 11) % 24) * interval '1 hour' AS t4) c
 CROSS JOIN LATERAL (SELECT c.t4 + ((s.n / 3) % 9) * interval '1 day'
                            + (s.n % 7) * interval '1 hour' AS t5) d
 CROSS JOIN LATERAL (VALUES
   (1, 'submitted', '', 'submit', s.t1),
   (2, 'in_review', 'submitted', 'receive', a.t2),
   (3, CASE WHEN s.n % 17 = 0 THEN 'withdrawn' ELSE 'appraisal' END, 'in_review',
       CASE WHEN s.n % 17 = 0 THEN 'withdraw' ELSE 'appraise' END, b.t3),
   (4, CASE WHEN s.n % 17 <> 0 THEN 'approval' END, 'appraisal', 'approve', c.t4),
   (5, CASE WHEN s.n % 17 = 0 THEN NULL WHEN s.n % 29 = 0 THEN 'rejected' ELSE 'decided' END,
       'approval', 'decide', d.t5)) e(version, state, previous_state, action, at)
 WHERE e.state IS NOT NULL AND e.at < timestamptz '2026-06-30 17:00:00+00'
"""
_RESOLVED = "state IN ('decided', 'rejected')"
_ENDED = "state IN ('not_received', 'withdrawn')"
READ_MODEL_FILL = [
    f"""
INSERT INTO rm_dossier_event (event_id, dossier_id, version, state, previous_state, action,
       unit_code, at, local_date, due_on)
SELECT dossier_id || '-' || version, dossier_id, version, state, previous_state, action,
       commune_2025, at, local_date, due_on
  FROM ({STEPS}) e
""",
    f"""
INSERT INTO rm_dossier (dossier_id, province_code, procedure_code, channel, first_version,
       province_2025, commune_2025, province_pre, district_pre, commune_pre, received_on,
       resolved_on, resolved_late, ended_on)
SELECT dossier_id, province_2025, procedure_code, channel, 1, province_2025, commune_2025,
       province_pre, district_pre, commune_pre,
       min(local_date) FILTER (WHERE action = 'receive'),
       min(local_date) FILTER (WHERE {_RESOLVED}),
       bool_or(local_date > due_on) FILTER (WHERE {_RESOLVED}),
       min(local_date) FILTER (WHERE {_ENDED})
  FROM ({STEPS}) e
 GROUP BY dossier_id, province_2025, procedure_code, channel, commune_2025, province_pre,
       district_pre, commune_pre
""",
]
OWNER_FILL = [
    f"""
INSERT INTO dossiers (id, code, procedure_id, procedure_version, procedure_code, purpose_id,
       form_id, province_code, commune_code, unit_code, stage, channel,
       applicant_national_id, submitted_by, submitted_at, received_on, due_on, hiv_related,
       version, state, updated_at)
SELECT dossier_id, 'BENCH-' || n, 'p-' || procedure_code, '1', procedure_code, 'purpose',
       'form', province_2025, commune_2025, commune_2025,
       (array_agg(state ORDER BY version DESC))[1], channel, lpad(n::text, 12, '0'), 'bench',
       t1, min(local_date) FILTER (WHERE action = 'receive'), max(due_on), false,
       max(version), '{{}}', max(at)
  FROM ({STEPS}) e WHERE province_2025 = ANY(:provinces)
 GROUP BY dossier_id, n, procedure_code, province_2025, commune_2025, channel, t1
""",
    f"""
INSERT INTO dossier_history (dossier_id, version, at, action, from_stage, to_stage,
       actor_subject, actor_username, actor_unit_code, client_address, note)
SELECT dossier_id, version, at, action, nullif(previous_state, ''), state, 'bench', 'bench',
       commune_2025, '127.0.0.1', ''
  FROM ({STEPS}) e WHERE province_2025 = ANY(:provinces)
""",
]
OWNER_LINES = """
WITH d AS (
  SELECT d.procedure_code, d.channel, d.province_code, d.received_on, r.resolved_on,
         r.resolved_on > d.due_on AS late, coalesce(r.resolved_on, r.ended_on) AS closed
    FROM dossiers d
    LEFT JOIN (SELECT dossier_id,
                      min((at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                        FILTER (WHERE to_stage IN ('decided', 'rejected')) AS resolved_on,
                      min((at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                        FILTER (WHERE to_stage IN ('not_received', 'withdrawn')) AS ended_on
                 FROM dossier_history
                WHERE to_stage IN ('decided', 'rejected', 'not_received', 'withdrawn')
                GROUP BY 1) r ON r.dossier_id = d.id
   WHERE d.received_on < :next)
SELECT procedure_code, channel, province_code,
       count(*) FILTER (WHERE received_on >= :month),
       count(*) FILTER (WHERE resolved_on >= :month AND resolved_on < :next AND NOT late),
       count(*) FILTER (WHERE resolved_on >= :month AND resolved_on < :next AND late),
       count(*) FILTER (WHERE closed IS NULL OR closed >= :next)
  FROM d WHERE closed IS NULL OR closed >= :month GROUP BY 1, 2, 3
"""
OWNER_STEPS = """
SELECT state, seconds, count(*) FROM (
  SELECT from_stage AS state, (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS local_date,
         extract(epoch FROM at - lag(at) OVER (PARTITION BY dossier_id ORDER BY version))
           AS seconds
    FROM dossier_history) s
 WHERE seconds IS NOT NULL AND state IS NOT NULL AND local_date >= :month
   AND local_date < :next
 GROUP BY 1, 2
"""

Lines = dict[tuple[str, int, str], tuple[int, int, int, int]]
Steps = dict[str, tuple[int, float, float]]


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"),
                            poolclass=NullPool)  # fmt: skip


def _next(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def unit_rows() -> list[dict[str, Any]]:
    """Every 2025 commune with its units, by the projection's builder (``units_on``)."""
    rows: list[dict[str, Any]] = []
    for unit in units(CatalogVersion.V2025, Level.COMMUNE):
        codes = units_on(unit.code, date(2025, 7, 1), "01")
        rows.append({"i": len(rows), "province_2025": codes.province_2025,
                     "commune_2025": codes.commune_2025, "province_pre": codes.province_pre,
                     "district_pre": codes.district_pre,
                     "commune_pre": codes.commune_pre})  # fmt: skip
    return rows


def _load(engine: sa.Engine, rows: list[dict[str, Any]], total: int,
          statements: list[str], **extra: Any) -> None:  # fmt: skip
    with engine.begin() as conn:
        conn.execute(sa.text(UNITS_TABLE))
        conn.execute(sa.text(
            "INSERT INTO bench_dossier_units VALUES (:i, :province_2025, :commune_2025, "
            ":province_pre, :district_pre, :commune_pre)"), rows)  # fmt: skip
    for first in range(1, total + 1, 250_000):
        with engine.begin() as conn:
            params = {"first": first, "last": min(first + 249_999, total), "units": len(rows),
                      **extra}  # fmt: skip
            for sql in statements:
                conn.execute(sa.text(sql), params)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("DROP TABLE bench_dossier_units"))
        conn.execute(sa.text("VACUUM ANALYZE"))


def _check_sample(session: Session, total: int) -> None:
    """The projection's ``summarize`` over a sample's events equals the loaded summaries."""
    ids = [f"bd-{n}" for n in random.Random(15).sample(range(1, total + 1), min(SAMPLE, total))]
    events: dict[str, list[DossierStep]] = defaultdict(list)
    for row in session.execute(
        sa.text("SELECT e.*, d.province_code, d.procedure_code, d.channel FROM rm_dossier_event e "
                "JOIN rm_dossier d USING (dossier_id) WHERE dossier_id = ANY(:ids)"),
        {"ids": ids},
    ).mappings():  # fmt: skip
        events[row["dossier_id"]].append(DossierStep(**dict(row)))
    stored = {
        r["dossier_id"]: r
        for r in session.execute(
            sa.text("SELECT * FROM rm_dossier WHERE dossier_id = ANY(:ids)"), {"ids": ids}
        ).mappings()
    }
    for dossier_id, steps in events.items():
        first = min(steps, key=lambda s: s.version)
        s = summarize(steps, units_on(first.unit_code, first.local_date, first.province_code))
        row = stored[dossier_id]
        got = (
            s.received_on,
            s.resolved_on,
            s.resolved_late,
            s.ended_on,
            s.units.province_2025,
            s.units.commune_2025,
            s.units.province_pre,
            s.units.district_pre,
        )
        want = (row["received_on"], row["resolved_on"], row["resolved_late"], row["ended_on"],
                row["province_2025"], row["commune_2025"], row["province_pre"],
                row["district_pre"])  # fmt: skip
        if got != want:
            raise SystemExit(f"bulk rm_dossier differs from summarize for {dossier_id}: "
                             f"{want} != {got}")  # fmt: skip


def fill(make_database: Callable[[str], str], reporting_url: str, scale: float) -> list[str]:
    """Fills the reporting read model and fresh dossier shards; the shards' URLs."""
    total = int(COUNTRY_DOSSIERS * scale)
    rows = unit_rows()
    started = time.perf_counter()
    print(f"filling {total} dossiers over {len(rows)} communes…", flush=True)
    engine = _engine(reporting_url)
    try:
        _load(engine, rows, total, READ_MODEL_FILL)
        with Session(engine) as session, session.begin():
            _check_sample(session, total)
            t = time.perf_counter()
            procedure_counts.fill_all(session)  # the projection's SQL over every row
            print(f"  procedure aggregates in {time.perf_counter() - t:.0f} s", flush=True)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
            for table in ("rm_dossier_event", "rm_procedure_count", "rm_procedure_step_time"):
                n = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
                print(f"  {table}: {n} rows", flush=True)
    finally:
        engine.dispose()
    print(f"  reporting procedures filled at {time.perf_counter() - started:.0f} s", flush=True)
    dossier = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
    shard_of = default_province_shards(sorted(dossier.shards))
    for shard, url in dossier.shards.items():
        engine = _engine(url)
        try:
            provinces = sorted(p for p, s in shard_of.items() if s == shard)
            _load(engine, rows, total, OWNER_FILL, provinces=provinces)
        finally:
            engine.dispose()
    print(f"  dossier shards filled at {time.perf_counter() - started:.0f} s", flush=True)
    return list(dossier.shards.values())


def _step_figures(values: Counter[Decimal]) -> tuple[int, float, float]:
    """(count, average days, p90 days as ``percentile_cont(0.9)``) of weighted durations."""
    ordered = sorted(values.items())
    count = sum(values.values())
    total = sum((v * n for v, n in ordered), Decimal(0))

    def at(rank: int) -> float:
        seen = 0
        for v, n in ordered:
            seen += n
            if rank < seen:
                return float(v)
        raise ValueError(rank)

    position = 0.9 * (count - 1)
    low = int(position)
    p90 = at(low) + (position - low) * (at(min(low + 1, count - 1)) - at(low))
    return count, round(float(total / count) / 86400, 3), round(p90 / 86400, 3)


def ask_owner(engines: list[sa.Engine], pool: ThreadPoolExecutor,
              month: date) -> tuple[Lines, Steps]:  # fmt: skip
    """The country's procedures report on every dossier shard in parallel, merged."""
    params = {"month": month, "next": _next(month)}

    def one(engine: sa.Engine) -> tuple[list[Any], list[Any]]:
        with engine.connect() as conn:
            lines = list(conn.execute(sa.text(OWNER_LINES), params))
            return lines, list(conn.execute(sa.text(OWNER_STEPS), params))

    lines: Lines = {}
    durations: dict[str, Counter[Decimal]] = defaultdict(Counter)
    for got_lines, got_steps in pool.map(one, engines):
        for p, c, u, *counts in got_lines:
            lines[str(p), int(c), str(u)] = tuple(int(x) for x in counts)  # type: ignore[assignment]
        for state, seconds, n in got_steps:
            durations[str(state)][Decimal(seconds)] += int(n)
    return lines, {state: _step_figures(v) for state, v in durations.items()}


def from_gateway(body: dict[str, Any]) -> tuple[Lines, Steps]:
    lines: Lines = {
        (x["procedure_code"], int(x.get("channel", 0)), x.get("unit_code", "")): (
            int(x.get("received", 0)), int(x.get("resolved_on_time", 0)),
            int(x.get("resolved_late", 0)), int(x.get("pending", 0)))
        for x in body["lines"]
    }  # fmt: skip
    steps: Steps = {s["state"]: (int(s.get("count", 0)), float(s.get("average_days", 0.0)),
                                 float(s.get("p90_days", 0.0))) for s in body["steps"]}  # fmt: skip
    return lines, steps


def same(gateway: tuple[Lines, Steps], owner: tuple[Lines, Steps]) -> bool:
    """Same lines; same step counts and averages; the p90 within one bucket."""
    (g_lines, g_steps), (o_lines, o_steps) = gateway, owner
    if g_lines != o_lines or set(g_steps) != set(o_steps):
        return False
    return all(
        g_steps[s][:2] == o_steps[s][:2]
        and abs(g_steps[s][2] - o_steps[s][2]) <= STEP_TOLERANCE_DAYS
        for s in g_steps
    )
