"""Benchmark: classify the synthetic country's households under a standard, set-based.

1. A fresh database (shared PostgreSQL) gets ``surveys``: ``--scale`` × 1.5 M households of
   the synthetic country (default scale 1.0), each with its area (37 % urban, as the 2019
   census), its monthly income per person (integer VND, log-normal around the lines) and one
   deprived/not column per indicator of the standard (each deprived with probability 12 %),
   generated in SQL from a fixed seed.
2. **Service**: ``poverty.adapters.set_classification.classify_table_sql`` — the standard's
   rule built from its data (lines per area, points, poor minimum of score B) — classifies
   every household into ``results``: households/s.
3. **Baseline**: a bare SQL statement written by hand for the same standard computes the same
   classification into ``baseline``: households/s, same run. The two result tables must agree
   on every household (the run fails otherwise).

    .venv/bin/python bench/poverty_classification/run.py                 # 1.5 M, 2022-2025
    .venv/bin/python bench/poverty_classification/run.py --scale 0.1 --standard 2027-2030
"""

from __future__ import annotations

import argparse
import time

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.testing import Servers, create_database, drop_database
from poverty.adapters.set_classification import classify_table_sql, deprivation_columns
from poverty.domain.standards import Area, Standard, get_standard

COUNTRY_HOUSEHOLDS = 1_500_000


def _bare_sql(standard: Standard) -> str:
    """The classification written by hand: lines, points and minimum as literals."""
    rural, urban = standard.income[Area.RURAL], standard.income[Area.URBAN]
    count = " + ".join(f"{c}::int" for c in deprivation_columns(standard))
    score = f"{standard.deprivation_points} * ({count})"
    poor = f"(CASE area WHEN 'urban' THEN {urban.poor} ELSE {rural.poor} END)"
    if standard.rule == "income_or_income_band_and_deprivation":
        near = f"(CASE area WHEN 'urban' THEN {urban.near_poor} ELSE {rural.near_poor} END)"
        status = (
            f"CASE WHEN income <= {poor} THEN 'poor' WHEN income <= {near} AND {score} >= "
            f"{standard.poor_min_score_b} THEN 'poor' WHEN income <= {near} THEN 'near_poor' "
            "ELSE 'none' END"
        )
    else:
        middle = ""
        if rural.middle is not None and urban.middle is not None:
            middle = (
                f"WHEN income <= (CASE area WHEN 'urban' THEN {urban.middle} ELSE "
                f"{rural.middle} END) THEN 'average_living' "
            )
        status = (
            f"CASE WHEN income <= {poor} AND {score} >= {standard.poor_min_score_b} THEN 'poor' "
            f"WHEN income <= {poor} THEN 'near_poor' {middle}ELSE 'none' END"
        )
    return f"INSERT INTO baseline SELECT household_id, {status}, {score} FROM surveys"


def _load(conn: sa.Connection, standard: Standard, households: int) -> None:
    columns = deprivation_columns(standard)
    conn.execute(sa.text("SELECT setseed(0.42)"))
    conn.execute(
        sa.text(
            "CREATE UNLOGGED TABLE surveys (household_id bigint, area text, income int, "
            + ", ".join(f"{c} boolean" for c in columns)
            + ")"
        )
    )
    flags = ", ".join("random() < 0.12" for _ in columns)
    conn.execute(
        sa.text(
            "INSERT INTO surveys SELECT g, CASE WHEN random() < 0.37 THEN 'urban' ELSE 'rural' "
            "END, (exp(ln(2600000) + 0.55 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * "
            f"random())))::int, {flags} FROM generate_series(1, {households}) g"
        )
    )
    for table in ("results", "baseline"):
        conn.execute(
            sa.text(
                f"CREATE UNLOGGED TABLE {table} (household_id bigint, status text, score_b int)"
            )
        )
    conn.execute(sa.text("ANALYZE surveys"))


def _timed(conn: sa.Connection, sql: str) -> float:
    started = time.perf_counter()
    conn.execute(sa.text(sql))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="× 1.5 M households")
    parser.add_argument("--standard", default="2022-2025")
    args = parser.parse_args()
    standard = get_standard(args.standard)
    households = int(COUNTRY_HOUSEHOLDS * args.scale)
    servers = Servers.from_env()
    url = create_database(servers.pg_admin_url, "bench_poverty")
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            started = time.perf_counter()
            _load(conn, standard, households)
            load_s = time.perf_counter() - started
        with engine.begin() as conn:
            service_s = _timed(conn, classify_table_sql(standard, "surveys", "results"))
        with engine.begin() as conn:
            baseline_s = _timed(conn, _bare_sql(standard))
        with engine.connect() as conn:
            differ = conn.execute(
                sa.text(
                    "SELECT count(*) FROM results r JOIN baseline b USING (household_id) "
                    "WHERE r.status <> b.status OR r.score_b <> b.score_b"
                )
            ).scalar_one()
            counts = dict(
                conn.execute(sa.text("SELECT status, count(*) FROM results GROUP BY 1")).all()
            )
        if differ:
            raise SystemExit(f"{differ} households classified differently: the rule is wrong")
        print(f"poverty classification benchmark — standard {standard.code}, scale {args.scale}")
        print(f"households: {households:,} (generated in {load_s:.1f} s)")
        print(f"statuses: {dict(sorted(counts.items()))}")
        print(f"{'statement':<44}{'seconds':>10}{'households/s':>16}")
        for name, seconds in (
            ("service: classify_table_sql(standard)", service_s),
            ("baseline: bare SQL written by hand", baseline_s),
        ):
            print(f"{name:<44}{seconds:>10.2f}{households / seconds:>16,.0f}")
        print(f"service / baseline time: {service_s / baseline_s:.2f}")
    finally:
        engine.dispose()
        drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
