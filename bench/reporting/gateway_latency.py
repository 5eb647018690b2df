"""The ministry-wide reports (beneficiaries of a month; the data-quality campaign; poverty;
budget) at the gateway over the full synthetic country, next to the same questions asked of
the owning service's tables, in one run (issue 15, "Latency"; ADR 0034, ADR 0040).
``--reports`` chooses which (default all); the poverty and budget halves (fill, owners'
questions, shape) are in ``poverty_budget.py`` next to this file.

Self-contained, against the shared servers (PostgreSQL, Redis, Kafka, Keycloak of
``infra/servers.sh``); everything it makes is removed when it ends:

* **Fill (not timed).** ``--scale`` × 3.3 M beneficiaries spread over every commune of both
  catalogs (pre-2025 communes of the 63 provinces, 2025 communes of the 34), with the Art. 5
  groups, both genders, birth months 1930–2019, starts 2015–2025, one in twelve ended (a
  death), one in ten with a care-support household (every number derived from the person's
  index ``n``, so both sides hold the same people). The units of a commune come from the
  projection's own builder (``unit_versions.unit_codes``); the rows go into a fresh reporting
  database by one ``INSERT … SELECT`` each (``rm_beneficiary``, and its changes of the month:
  ``new`` at the start of the records started from 2025, ``death`` at the end), then the
  pre-aggregated counts by the projection's SQL (``unit_month_counts.fill_all``).
  The same people go into fresh registry shard databases (three shards + global, the
  registry's migrations): ``beneficiary_records``, ``persons``, ``care_support_links`` and
  ``record_changes`` (``new``/``death``), each on the shard of its province. The persons'
  search indexes (names, trigram, personal id) are dropped before the load (the question
  does not use them; rebuilding a trigram index over 3.3 M names takes long).
* **Target.** The reporting gRPC service (``python -m reporting``) and the gateway
  (``uvicorn``), one process each on free ports; a real ministry officer (``t-bo.*`` test
  user with ``ministry_officer`` and ``domain_social_assistance``, unit ``VN``) signed in
  through Keycloak. ``GET /api/v1/reports/beneficiaries?level=country&month=…`` ``--runs``
  times, one after another: p50/p99 in ms.
* **Baseline, same run.** The same question on the registry's tables: on each shard (the
  three in parallel, as a fan-out would) one query with ``GROUPING SETS`` over
  ``beneficiary_records ⋈ persons`` (paid in the month; by group, gender, age band,
  ethnicity, disability level; care-support households) plus the month's changes from
  ``record_changes``, summed over the shards; ``--baseline-runs`` times (seconds each at full
  scale): p50/p99 in ms. In-process (no gateway, no token): the baseline gets every
  advantage.
* **Data quality.** ``GET /api/v1/reports/data-quality?level=country`` (per province; one
  record in nine has a missing personal id or ethnicity, in ``rm_beneficiary.findings`` and
  the registry's ``data_quality_findings``) next to the same count on the shards.

The run checks that both answers carry the same numbers before it prints.

    .venv/bin/python bench/reporting/gateway_latency.py --scale 1.0 [--runs 30]
        [--baseline-runs 10] [--reports beneficiaries,data-quality,poverty,budget]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.admin_units import CatalogVersion, Level, units
from ansinh_common.catalogs.payment_channels import payment_channels
from ansinh_common.private_servers import free_port
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.runtime.testing import ServiceProcess, migrate_fresh_databases
from ansinh_common.testing import Servers, create_database, drop_database
from ansinh_common.testing_keycloak import KeycloakTestUsers
from gateway.testing import GatewayProcess
from identity.testing import delete_keys
from payment.config import PaymentSettings
from poverty.config import PovertySettings
from registry.config import RegistrySettings
from reporting.adapters import unit_quality_counts
from reporting.adapters.quality_fields import QUALITY
from reporting.adapters.unit_month_counts import fill_all
from reporting.config import ReportingSettings
from reporting.domain.model import Profile
from reporting.domain.rules.age_bands import BANDS
from reporting.domain.rules.unit_versions import unit_codes

sys.path.insert(0, str(Path(__file__).resolve().parent))
import country_procedures  # a sibling module (bench/ is not a package)
import poverty_budget as pb
from country_procedures import COUNTRY_DOSSIERS

ROOT = Path(__file__).resolve().parents[2]
REPORTING_INI = ROOT / "services" / "reporting" / "alembic.ini"
REGISTRY_INI = ROOT / "services" / "registry" / "alembic.ini"
POVERTY_INI = ROOT / "services" / "poverty" / "alembic.ini"
PAYMENT_INI = ROOT / "services" / "payment" / "alembic.ini"
COUNTRY = 3_300_000
STARTUP_S = 240.0

UNITS_TABLE = """
CREATE UNLOGGED TABLE bench_units (i int PRIMARY KEY, catalog_version text, commune text,
  district text, province_2025 text, commune_2025 text, province_pre text, district_pre text,
  commune_pre text)
"""
SOURCE = """
SELECT 'bench-' || n AS record_id, u.*,
       (ARRAY['5.1','5.2','5.3','5.4','5.5a','5.5b','5.6'])[1 + n % 7] AS category_code,
       (ARRAY['male','female'])[1 + (n / 7) % 2] AS gender,
       (date '1930-01-01' + ((n * 7919) % 1080) * interval '1 month')::date AS birth_month,
       (ARRAY['01','01','01','01','02','03','04','05','07',NULL])[1 + (n / 3) % 10]
         AS ethnicity_code,
       CASE WHEN n % 7 = 6 THEN (ARRAY['1','2'])[1 + (n / 7) % 2] END AS disability_level_code,
       CASE WHEN n % 10 = 3 THEN 1 ELSE 0 END AS care,
       (ARRAY['personal_id_missing', 'ethnicity_missing', NULL, NULL, NULL, NULL, NULL, NULL,
              NULL])[1 + n % 9] AS finding,
       (date '2015-01-01' + ((n * 31) % 128) * interval '1 month')::date AS start_month,
       CASE WHEN n % 12 = 0 THEN (date '2015-01-01' + ((n * 31) % 128 + (n / 12) % 40)
         * interval '1 month')::date END AS end_month
  FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) n
  JOIN bench_units u ON u.i = n % :units
"""
REPORTING_FILL = f"""
INSERT INTO rm_beneficiary (record_id, province_code, version, province_2025, commune_2025,
       province_pre, district_pre, commune_pre, catalog_version, category_code, gender,
       birth_month, ethnicity_code, disability_level_code, care_support_households,
       payment_channel_code, status, findings, start_month, end_month)
SELECT record_id, province_2025, 1, province_2025, commune_2025, province_pre, district_pre,
       commune_pre, catalog_version, category_code, gender, birth_month, ethnicity_code,
       disability_level_code, care, 'cash',
       CASE WHEN end_month IS NULL THEN 'active' ELSE 'deceased' END,
       CASE WHEN finding IS NULL THEN '{{}}' ELSE ARRAY[finding] END, start_month, end_month
  FROM ({SOURCE}) s
"""
REPORTING_CHANGES = f"""
INSERT INTO rm_beneficiary_change (event_id, record_id, kind, month, province_2025,
       commune_2025, province_pre, district_pre, commune_pre, category_code)
SELECT s.record_id || '-' || c.kind, s.record_id, c.kind, c.month, province_2025,
       commune_2025, province_pre, district_pre, commune_pre, category_code
  FROM ({SOURCE}) s,
       LATERAL (VALUES ('new', CASE WHEN start_month >= date '2025-01-01' THEN start_month END),
                       ('death', end_month)) c(kind, month)
 WHERE c.month IS NOT NULL
"""
REGISTRY_FILL = [
    f"""
INSERT INTO beneficiary_records (record_id, province, version, history_length, status,
       category_code, category_condition, coefficient, start_month, end_month,
       disability_level_code, payment_channel_code)
SELECT record_id, province_2025, 1, 1,
       CASE WHEN end_month IS NULL THEN 'active' ELSE 'deceased' END, category_code, 'a', 1.5,
       to_char(start_month, 'YYYY-MM'), to_char(end_month, 'YYYY-MM'), disability_level_code,
       'cash'
  FROM ({SOURCE}) s WHERE province_2025 = ANY(:provinces)
""",
    f"""
INSERT INTO persons (record_id, province, full_name, name_folded, birth_date, gender,
       ethnicity_code, commune_code, district_code, catalog_version)
SELECT record_id, province_2025, 'Nguyễn Văn ' || record_id, 'nguyen van ' || record_id,
       birth_month + 9, gender, ethnicity_code, commune, district, catalog_version
  FROM ({SOURCE}) s WHERE province_2025 = ANY(:provinces)
""",
    f"""
INSERT INTO care_support_links (record_id, position, province, caregiver_kind, caregiver_id,
       caregiver_name, category_code, condition, coefficient)
SELECT record_id, 1, province_2025, 'household', 'hh-' || record_id, 'Hộ nhận chăm sóc',
       '5.x', 'a', 1.0
  FROM ({SOURCE}) s WHERE province_2025 = ANY(:provinces) AND care = 1
""",
    f"""
INSERT INTO data_quality_findings (record_id, code, field, province, message)
SELECT record_id, finding, 'f', province_2025, 'Thiếu thông tin'
  FROM ({SOURCE}) s WHERE province_2025 = ANY(:provinces) AND finding IS NOT NULL
""",
    f"""
INSERT INTO record_changes (record_id, seq, province, kind, effective_on, recorded_at,
       reason, actor_subject, actor_username, payload)
SELECT record_id, c.seq, province_2025, c.kind, c.day, now(), 'bench', 'bench', 'bench', '{{}}'
  FROM ({SOURCE}) s,
       LATERAL (VALUES (1, 'new', start_month),
                       (2, 'death', end_month + 14)) c(seq, kind, day)
 WHERE province_2025 = ANY(:provinces) AND c.day IS NOT NULL
   AND (c.kind = 'death' OR start_month >= date '2025-01-01')
""",
]
"""(The registry's own 'new' of an imported record is not written: as in the read model,
records started before 2025 came from the legacy import and are not new.)"""

_AGE = (
    "CASE "
    + " ".join(
        f"WHEN age < {high + 1} THEN '{name}'" for name, _, high in BANDS if high is not None
    )
    + f" ELSE '{BANDS[-1][0]}' END"
)
REGISTRY_QUESTION = f"""
WITH paid AS (
  SELECT b.category_code, p.gender, coalesce(p.ethnicity_code, '') AS ethnicity,
         b.disability_level_code AS disability,
         (SELECT {_AGE} FROM (SELECT extract(year FROM age(CAST(:month AS date),
            date_trunc('month', p.birth_date)))::int AS age) a) AS age_band,
         coalesce(c.n, 0) AS care
    FROM beneficiary_records b JOIN persons p USING (record_id)
    LEFT JOIN (SELECT record_id, count(*) AS n FROM care_support_links GROUP BY 1) c
      USING (record_id)
   WHERE b.start_month <= :ym AND (b.end_month IS NULL OR b.end_month >= :ym))
SELECT category_code, gender, ethnicity, disability, age_band,
       GROUPING(category_code, gender, ethnicity, disability, age_band), count(*), sum(care)
  FROM paid
 GROUP BY GROUPING SETS ((category_code), (gender), (ethnicity), (disability), (age_band), ())
"""
REGISTRY_CHANGES = """
SELECT kind, count(*) FROM record_changes
 WHERE effective_on >= :month AND effective_on < :next GROUP BY kind
"""
REGISTRY_QUALITY = f"""
SELECT province, count(*), {
    ", ".join(
        f"count(*) FILTER (WHERE {present}), count(*) FILTER (WHERE {applicable})"
        for present, applicable in QUALITY.values()
    )
}
  FROM (SELECT b.province, b.category_code, b.payment_channel_code,
               coalesce(f.codes, '{{}}') AS findings
          FROM beneficiary_records b
          LEFT JOIN (SELECT record_id, array_agg(code) AS codes FROM data_quality_findings
                     GROUP BY 1) f USING (record_id)
         WHERE b.status = 'active') r
 GROUP BY 1
"""
_SET_NAMES = {0b01111: "by_category", 0b10111: "by_gender", 0b11011: "by_ethnicity",
              0b11101: "by_disability_level", 0b11110: "by_age_band"}  # fmt: skip


def unit_rows() -> list[dict[str, Any]]:
    """Every commune of both catalogs with its units, by the projection's builder."""
    rows: list[dict[str, Any]] = []
    for version in (CatalogVersion.PRE2025, CatalogVersion.V2025):
        for unit in units(version, Level.COMMUNE):
            district = unit.parent_code if version is CatalogVersion.PRE2025 else None
            profile = Profile(
                commune_code=unit.code, district_code=district, catalog_version=version.value,
                category_code="5.1", gender="male", birth_month=date(1950, 1, 1),
                ethnicity_code=None, disability_level_code=None, care_support_households=0,
                payment_channel_code=None, status="active", findings=(),
            )  # fmt: skip
            codes = unit_codes(profile, "01")
            rows.append({
                "i": len(rows), "catalog_version": version.value, "commune": unit.code,
                "district": district, "province_2025": codes.province_2025,
                "commune_2025": codes.commune_2025, "province_pre": codes.province_pre,
                "district_pre": codes.district_pre, "commune_pre": codes.commune_pre,
            })  # fmt: skip
    return rows


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"),
                            poolclass=NullPool)  # fmt: skip


def _load_units(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    conn.execute(sa.text(UNITS_TABLE))
    columns = ", ".join(rows[0])
    values = ", ".join(f":{c}" for c in rows[0])
    conn.execute(sa.text(f"INSERT INTO bench_units ({columns}) VALUES ({values})"), rows)


def _chunks(total: int, size: int = 500_000) -> list[tuple[int, int]]:
    return [(a, min(a + size - 1, total)) for a in range(1, total + 1, size)]


def fill_reporting(url: str, rows: list[dict[str, Any]], total: int) -> None:
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            _load_units(conn, rows)
        for first, last in _chunks(total):
            with engine.begin() as conn:
                params = {"first": first, "last": last, "units": len(rows)}
                conn.execute(sa.text(REPORTING_FILL), params)
                conn.execute(sa.text(REPORTING_CHANGES), params)
        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            fill_all(session)  # the projection's SQL over every row
            unit_quality_counts.fill_all(session)
        print(f"  pre-aggregated counts in {time.perf_counter() - started:.0f} s", flush=True)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("DROP TABLE bench_units"))
            conn.execute(sa.text("VACUUM ANALYZE"))
            n = conn.execute(sa.text("SELECT count(*) FROM rm_unit_month_count")).scalar_one()
            print(f"  rm_unit_month_count: {n} rows", flush=True)
    finally:
        engine.dispose()


def fill_registry_shard(url: str, provinces: list[str], rows: list[dict[str, Any]],
                        total: int) -> None:  # fmt: skip
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            _load_units(conn, rows)
            for index in ("ix_persons_name_trgm", "ix_persons_personal_id",
                          "ix_persons_province_commune_code_name_folded",
                          "ix_persons_province_name_folded_record_id"):  # fmt: skip
                conn.execute(sa.text(f"DROP INDEX IF EXISTS {index}"))
        for first, last in _chunks(total):
            with engine.begin() as conn:
                params = {"first": first, "last": last, "units": len(rows), "provinces": provinces}
                for sql in REGISTRY_FILL:
                    conn.execute(sa.text(sql), params)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("DROP TABLE bench_units"))
            conn.execute(sa.text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def ask_registry(engines: list[sa.Engine], pool: ThreadPoolExecutor, month: date) -> dict[str, Any]:
    """The question on every shard in parallel, summed."""
    params = {"month": month, "ym": f"{month:%Y-%m}",
              "next": date(month.year + month.month // 12, month.month % 12 + 1, 1)}  # fmt: skip

    def one(engine: sa.Engine) -> tuple[list[Any], list[Any]]:
        with engine.connect() as conn:
            grouped = conn.execute(sa.text(REGISTRY_QUESTION), params).all()
            changes = conn.execute(sa.text(REGISTRY_CHANGES), params).all()
        return grouped, changes

    out: dict[str, Any] = {name: Counter() for name in _SET_NAMES.values()}
    out.update(total=0, care=0, changes=Counter())
    for grouped, changes in pool.map(one, engines):
        for cat, gender, eth, dis, band, grouping, n, care in grouped:
            if grouping == 0b11111:
                out["total"] += int(n)
                out["care"] += int(care or 0)
                continue
            name = _SET_NAMES[grouping]
            key = {"by_category": cat, "by_gender": gender, "by_ethnicity": eth,
                   "by_disability_level": dis, "by_age_band": band}[name]  # fmt: skip
            if key is not None:
                out[name][str(key)] += int(n)
        for kind, n in changes:
            out["changes"][str(kind)] += int(n)
    return out


def ask_registry_quality(engines: list[sa.Engine], pool: ThreadPoolExecutor) -> dict[str, Any]:
    """The country's data-quality campaign (per province) on every shard in parallel."""
    channels = [c.code for c in payment_channels() if c.needs_account]

    def one(engine: sa.Engine) -> list[Any]:
        with engine.connect() as conn:
            return list(conn.execute(sa.text(REGISTRY_QUALITY), {"account_channels": channels}))

    out: dict[str, Any] = {}
    for rows in pool.map(one, engines):
        for province, records, *counts in rows:
            fields = {name: (int(counts[2 * i]), int(counts[2 * i + 1]))
                      for i, name in enumerate(QUALITY)}  # fmt: skip
            out[str(province)] = (int(records), fields)
    return out


def quality_from_gateway(body: dict[str, Any]) -> dict[str, Any]:
    return {
        u["unit_code"]: (int(u["records"]), {f["field"]: (int(f["present"]),
                                                          int(f["applicable"]))
                                             for f in u["fields"]})
        for u in body["units"]
    }  # fmt: skip


def from_gateway(body: dict[str, Any]) -> dict[str, Any]:
    def counts(items: list[dict[str, Any]]) -> Counter[str]:
        return Counter({i["key"]: int(i["count"]) for i in items})

    out: dict[str, Any] = {name: counts(body[name]) for name in _SET_NAMES.values()}
    out.update(total=int(body["total"]), care=int(body.get("care_support_households", 0)),
               changes=counts(body["changes"]))  # fmt: skip
    return out


def timed(call: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    timings, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = call()
        timings.append((time.perf_counter() - t) * 1000)
    return timings, result


def quantiles(timings: list[float]) -> str:
    q = statistics.quantiles(timings, n=100, method="inclusive")
    return f"p50 {q[49]:8.1f} ms   p99 {q[98]:8.1f} ms   (n={len(timings)})"


REPORTS = ("beneficiaries", "data-quality", "poverty", "budget", "procedures")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 3.3 M people")
    parser.add_argument("--runs", type=int, default=30, help="requests through the gateway")
    parser.add_argument("--baseline-runs", type=int, default=10, help="questions to the shards")
    parser.add_argument("--month", default="2025-08")
    parser.add_argument(
        "--reports",
        default=",".join(REPORTS),
        help=f"which, comma-separated (default all: {','.join(REPORTS)})",
    )
    parser.add_argument("--logs", type=Path, default=Path("/tmp"))
    parser.add_argument("--procedures-month", default="2026-03")
    args = parser.parse_args()
    chosen = [r.strip() for r in args.reports.split(",") if r.strip()]
    if unknown := set(chosen) - set(REPORTS):
        parser.error(f"unknown report(s): {', '.join(sorted(unknown))}")
    registry_side = bool({"beneficiaries", "data-quality"} & set(chosen))
    households = int(pb.HOUSEHOLDS * args.scale) if "poverty" in chosen else 0
    lines = int(pb.LINES * args.scale) if "budget" in chosen else 0
    total = int(COUNTRY * args.scale)
    month = date(int(args.month[:4]), int(args.month[5:7]), 1)
    next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    servers = Servers.from_env()
    run = uuid.uuid4().hex[:8]
    databases: list[str] = []

    def make_database(prefix: str) -> str:
        databases.append(create_database(servers.pg_admin_url, f"bench_{prefix}"))
        return databases[-1]

    def log(line: str) -> None:
        print(line, flush=True)

    with ExitStack() as cleanup:
        cleanup.callback(lambda: [drop_database(servers.pg_admin_url, u) for u in databases])
        started = time.perf_counter()
        reporting = migrate_fresh_databases(make_database, ReportingSettings, REPORTING_INI,
                                            shards=1)  # fmt: skip
        owners: dict[str, list[sa.Engine]] = {}

        def fill_owner(name: str, settings: Any, ini: Path, fill: Callable[..., None]) -> None:
            dbs = migrate_fresh_databases(make_database, settings, ini)
            shard_of = default_province_shards(sorted(dbs.shards))
            for shard, shard_url in dbs.shards.items():
                fill(shard_url, sorted(p for p, s in shard_of.items() if s == shard))
            owners[name] = [_engine(u) for u in dbs.shards.values()]
            cleanup.callback(lambda: [e.dispose() for e in owners[name]])
            log(f"  {name} shards filled at {time.perf_counter() - started:.0f} s")

        if registry_side:
            rows = unit_rows()
            log(f"filling {total} beneficiaries over {len(rows)} communes…")
            fill_reporting(reporting.global_url, rows, total)
            log(f"  reporting read model filled at {time.perf_counter() - started:.0f} s")
            fill_owner(
                "registry",
                RegistrySettings,
                REGISTRY_INI,
                lambda url, provinces: fill_registry_shard(url, provinces, rows, total),
            )
        if households or lines:
            rows25 = pb.unit_rows()
            log(
                f"filling {households} households and {lines} payment lines over "
                f"{len(rows25)} communes…"
            )
            engine = _engine(reporting.global_url)
            t = time.perf_counter()
            pb.fill_reporting(engine, rows25, households, lines, month, log)
            engine.dispose()
            log(f"  poverty/budget read models and aggregates in {time.perf_counter() - t:.0f} s")

            def owner_fill(kind: str) -> Callable[[str, list[str]], None]:
                def fill(url: str, provinces: list[str]) -> None:
                    shard = _engine(url)
                    try:
                        pb.fill_owner_shard(shard, provinces, rows25, month=month,
                                            **{kind: households if kind == "households"
                                               else lines})  # fmt: skip
                    finally:
                        shard.dispose()

                return fill

            if households:
                fill_owner("poverty", PovertySettings, POVERTY_INI, owner_fill("households"))
            if lines:
                fill_owner("payment", PaymentSettings, PAYMENT_INI, owner_fill("lines"))
        dossier_shards: list[str] = []
        if "procedures" in chosen:
            dossier_shards = country_procedures.fill(make_database, reporting.global_url,
                                                     args.scale)  # fmt: skip

        redis_prefix = f"bench:reporting:{run}"
        cleanup.callback(delete_keys, servers.redis_url, redis_prefix)
        port = free_port()
        service_env = {
            **reporting.env(), "ANSINH_GRPC_PORT": str(port),
            "ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
            "ANSINH_KEYCLOAK_URL": servers.keycloak_url, "ANSINH_REDIS_URL": servers.redis_url,
        }  # fmt: skip
        gateway = GatewayProcess(
            servers.redis_url, servers.keycloak_url, {"reporting": f"127.0.0.1:{port}"},
            startup_timeout=STARTUP_S, log_path=args.logs / f"bench-gateway-{run}.log",
            env={"ANSINH_JWKS_CACHE_KEY_PREFIX": f"{redis_prefix}:jwks",
                 "ANSINH_DISABLED_ACCOUNT_KEY_PREFIX": f"{redis_prefix}:disabled:"},
        )  # fmt: skip
        gateway.start()
        cleanup.callback(gateway.stop)
        service = ServiceProcess([sys.executable, "-m", "reporting"], service_env,
                                 startup_timeout=STARTUP_S)  # fmt: skip
        cleanup.enter_context(service)
        gateway.wait_ready()
        users = KeycloakTestUsers(servers.keycloak_url)
        cleanup.callback(users.cleanup)
        social = users(
            Principal(
                "bo", "bo.bench", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
            )
        )
        poverty = users(
            Principal(
                "bo-pv", "bo.bench.pv", frozenset({"ministry_officer", "domain_poverty"}), "VN"
            )
        )
        api = f"{gateway.url}/api/v1/reports"
        pool = cleanup.enter_context(ThreadPoolExecutor(3))
        # name → (path, token, the gateway's answer as compared, the owners' answer, owner)
        questions: dict[str, tuple[str, str, Callable[[Any], Any], Callable[[], Any], str]] = {
            "beneficiaries": (
                f"beneficiaries?level=country&month={args.month}", social.token, from_gateway,
                lambda: ask_registry(owners["registry"], pool, month), "registry"),
            "data-quality": (
                "data-quality?level=country", social.token, quality_from_gateway,
                lambda: ask_registry_quality(owners["registry"], pool), "registry"),
            "poverty": (
                f"poverty?level=country&month={args.month}", poverty.token,
                pb.poverty_from_gateway,
                lambda: pb.ask_poverty_owner(owners["poverty"], pool, month, next_month),
                "poverty"),
            "budget": (
                f"budget?level=country&month={args.month}", social.token, pb.budget_from_gateway,
                lambda: pb.ask_budget_owner(owners["payment"], pool, month), "payment"),
        }  # fmt: skip
        results: list[tuple[str, list[float], list[float], bool, Any]] = []
        with httpx.Client(timeout=120) as client:
            procedures_ok = "procedures" not in chosen or procedures_latency(
                client, gateway.url, social.token, dossier_shards, args
            )
            for name in (n for n in chosen if n != "procedures"):
                path, token, read, ask_owner, _ = questions[name]

                def ask_gateway(path: str = path, token: str = token) -> dict[str, Any]:
                    got = client.get(f"{api}/{path}", headers={"Authorization": f"Bearer {token}"})
                    if got.status_code != 200:
                        raise SystemExit(f"gateway: HTTP {got.status_code} {got.text[:500]}")
                    body: dict[str, Any] = got.json()
                    return body

                for _ in range(3):  # warm-up: JWKS, connections, the service's pool
                    ask_gateway()
                ask_owner()
                target, body = timed(ask_gateway, args.runs)
                baseline, owned = timed(ask_owner, args.baseline_runs)
                answer = read(body)
                same = answer == owned
                if not same:
                    print(json.dumps({"gateway": answer, "owner": owned}, default=str, indent=1))
                results.append((name, target, baseline, same, answer))
    sizes = {"beneficiaries": total if registry_side else 0, "households": households,
             "payment lines": lines}  # fmt: skip
    filled = ", ".join(f"{n} {what}" for what, n in sizes.items() if n)
    print(f"\nministry-wide reports, {month:%Y-%m}, scale {args.scale} ({filled}); "
          "one request at a time:")  # fmt: skip
    for name, target, baseline, same, answer in results:
        owner = questions[name][4]
        shards = len(owners[owner])
        detail = {"beneficiaries": lambda a: f"{a['total']} paid in the month",
                  "data-quality": lambda a: f"{len(a)} provinces",
                  "poverty": lambda a: f"{a['households']} households, {a['poor']} poor, "
                                       f"{a['near_poor']} near-poor, moves {a['moves']}",
                  "budget": lambda a: f"{a['paid_vnd']} VND paid"}[name](answer)  # fmt: skip
        print(f"\n{name} ({detail}):")
        print(f"  gateway GET /api/v1/reports/{name}?level=country  {quantiles(target)}")
        print(
            f"  {owner} shards, same question ({shards} in parallel, direct SQL) "
            f"{quantiles(baseline)}"
        )
        print(f"  same numbers from both: {'yes' if same else 'NO'}")
    if not (procedures_ok and all(same for _, _, _, same, _ in results)):
        raise SystemExit(1)


def procedures_latency(
    client: httpx.Client, gateway_url: str, token: str, shards: list[str], args: Any
) -> bool:
    """The country's procedures report through the gateway next to the dossier shards."""
    month = date(int(args.procedures_month[:4]), int(args.procedures_month[5:7]), 1)
    url = f"{gateway_url}/api/v1/reports/procedures?level=country&month={args.procedures_month}"
    engines = [_engine(u) for u in shards]
    try:
        with ThreadPoolExecutor(len(engines)) as pool:

            def ask() -> dict[str, Any]:
                got = client.get(url, headers={"Authorization": f"Bearer {token}"})
                if got.status_code != 200:
                    raise SystemExit(f"gateway: HTTP {got.status_code} {got.text[:500]}")
                body: dict[str, Any] = got.json()
                return body

            for _ in range(3):
                ask()
            target, body = timed(ask, args.runs)
            baseline, owned = timed(lambda: country_procedures.ask_owner(engines, pool, month),
                                    args.baseline_runs)  # fmt: skip
    finally:
        for e in engines:
            e.dispose()
    answer = country_procedures.from_gateway(body)
    ok = country_procedures.same(answer, owned)
    if not ok:
        print(json.dumps({"gateway": [answer[0], answer[1]], "dossier": [owned[0], owned[1]]},
                         default=str, indent=1))  # fmt: skip
    print(f"\nministry-wide procedures report, {month:%Y-%m}, "
          f"{int(COUNTRY_DOSSIERS * args.scale)} dossiers over a year "
          f"({sum(v[0] for v in answer[0].values())} received in the month, "
          f"{sum(v[3] for v in answer[0].values())} pending at its end, {len(answer[0])} lines); "
          "latency, one request at a time:")  # fmt: skip
    print(f"  gateway GET /api/v1/reports/procedures?level=country     {quantiles(target)}")
    print(f"  dossier shards, same question (3 in parallel, direct SQL) {quantiles(baseline)}")
    print(f"  same numbers from both: {'yes' if ok else 'NO'}", flush=True)
    return ok


if __name__ == "__main__":
    main()
