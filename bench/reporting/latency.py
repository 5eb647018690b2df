"""Latency of the ministry-wide (country) beneficiaries report on the reporting read model,
in-process, from the pre-aggregated counts (ADR 0034) next to the scan of ``rm_beneficiary``
they replaced. The benchmark of issue 15's "Latency" through the gateway, next to the
registry's shards, is ``gateway_latency.py`` (see docs/reporting.md).

A fresh reporting global database is filled with ``--rows`` synthetic ``rm_beneficiary``
rows (34 provinces, the Art. 5 groups, both genders, birth months 1930–2020, starts
2020–2025, a tenth ended) by one ``INSERT … SELECT generate_series`` and analysed; the
country report for a month (``SqlReportReads.beneficiaries``, the query the gRPC service
runs behind the gateway) is then timed ``--runs`` times, and the same report by the scan
(``beneficiaries_by_scan``).

    .venv/bin/python bench/reporting/latency.py --rows 330000     # 10 % of the country
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers, create_database, drop_database
from reporting.adapters.report_reads import SqlReportReads
from reporting.adapters.unit_month_counts import fill_all
from reporting.config import ReportingSettings
from reporting.domain.reports import unit_scope

PROVINCES = [f"{n:02d}" for n in (1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37, 38,
                                  40, 42, 44, 46, 48, 51, 52, 56, 66, 68, 75, 79, 80, 82, 86,
                                  91, 92, 96)]  # fmt: skip
FILL = """
INSERT INTO rm_beneficiary (record_id, province_code, version, province_2025, commune_2025,
       province_pre, district_pre, commune_pre, catalog_version, category_code, gender,
       birth_month, ethnicity_code, disability_level_code, care_support_households,
       payment_channel_code, status, findings, start_month, end_month)
SELECT 'bench-' || n, p, 1, p, lpad((n % 3000)::text, 5, '0'), NULL, NULL, NULL, '2025',
       (ARRAY['5.1','5.2','5.3','5.4','5.5a','5.5b','5.6'])[1 + n % 7],
       (ARRAY['male','female'])[1 + n % 2],
       (date '1930-01-01' + ((n * 7919) % 1080) * interval '1 month')::date,
       (ARRAY['01','01','01','02','03','04'])[1 + n % 6],
       CASE WHEN n % 5 = 0 THEN (ARRAY['1','2'])[1 + n % 2] END,
       n % 4, 'cash', CASE WHEN n % 10 = 0 THEN 'stopped' ELSE 'active' END, '{}',
       (date '2020-01-01' + ((n * 31) % 68) * interval '1 month')::date,
       CASE WHEN n % 10 = 0 THEN date '2025-01-01' END
  FROM generate_series(1::bigint, CAST(:rows AS bigint)) n,
       LATERAL (SELECT (CAST(:provinces AS text[]))[1 + n % 34] AS p) pp
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=330_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    servers = Servers.from_env()
    created: list[str] = []

    def make_database(prefix: str = "bench") -> str:
        created.append(create_database(servers.pg_admin_url, prefix))
        return created[-1]

    try:
        dbs = migrate_fresh_databases(
            make_database, ReportingSettings, "services/reporting/alembic.ini", shards=1
        )
        engine = sa.create_engine(dbs.global_url or "")
        started = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(sa.text(FILL), {"rows": args.rows, "provinces": PROVINCES})
        with Session(engine) as session, session.begin():
            fill_all(session)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE rm_beneficiary"))
        print(f"filled {args.rows} rows in {time.perf_counter() - started:.1f} s")
        settings = ReportingSettings(
            shards=dbs.shards, global_db_url=dbs.global_url,
            province_shards={"01": next(iter(dbs.shards))},
        )  # fmt: skip
        router = ShardRouter.from_settings(settings)
        reads = SqlReportReads(router.global_session)
        month = date(2025, 8, 1)
        scope = unit_scope("country", "VN", month)
        for name, read in (("counts", reads.beneficiaries), ("scan", reads.beneficiaries_by_scan)):
            timings = []
            for _ in range(args.runs):
                t = time.perf_counter()
                report = read(scope, month)
                timings.append((time.perf_counter() - t) * 1000)
            q = statistics.quantiles(timings, n=100, method="inclusive")
            paid = f"{report.total} paid in {month:%Y-%m}"
            print(f"country beneficiaries report ({name}) over {args.rows} rows ({paid}): "
                  f"p50 {q[49]:.0f} ms  p99 {q[98]:.0f} ms (n={args.runs})")  # fmt: skip
        router.dispose()
        engine.dispose()
    finally:
        for url in created:
            drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
