"""Benchmark of monthly list generation against a bare SQL ``INSERT … SELECT``, in one run.

A synthetic country (``--scale 1.0`` = 3.3 million beneficiaries in the 3,321 communes of the
34 provinces, ~1,000 each, with care support, several groups, deaths and arrears:
``payment.testing.synthetic_beneficiary``) is loaded with ``COPY`` (the projection's own row
builders; not timed) into a fresh migrated database that every shard of the router points to
(shared PostgreSQL); ``--scale`` runs a fraction of it (``scale × 3,321`` communes taken across
all provinces). Decisions start this month for most people and 1–3 months back for some
(arrears), which gives the issue's shape: ~3.65 million lines for 3.3 million beneficiaries.

Then, commune by commune, the two contenders run one right after the other, alternating which
goes first, so that a change of the (shared) machine's load hits both alike:

- **bare SQL**: the generation query (``payment/adapters/sql/generate_lines.sql``, the same
  amounts) as one ``INSERT … SELECT`` into an unlogged table: no list, no idempotent apply, no
  lock, no outbox;
- **service**: ``payment.service_layer.handlers.lists.generate_list`` (Redis lock, unit of work,
  set-based generation, idempotent apply into ``payment_lines``, list header and
  ``ListGenerated`` in the outbox, one transaction per commune).

Both must produce the same number of lines and the same total in every commune (checked). The
time of each is summed separately; the run prints lines/s of both, their ratio (target: the
service at least half the bare SQL's speed), the load average at start and end, and a running
total every ``--every`` communes. ``--budget`` (seconds) or ``--stop-at`` (UTC clock time)
stop the generation early, for a time box: the communes done so far are reported as such.

    .venv/bin/python bench/payment_generation/run.py                  # scale 0.002
    .venv/bin/python bench/payment_generation/run.py --scale 0.05
    .venv/bin/python bench/payment_generation/run.py --scale 1.0 --stop-at 04:10
"""

from __future__ import annotations

import argparse
import math
import os
import random
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from psycopg.types.json import Jsonb
from redis import Redis

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import CatalogUnitTree
from ansinh_common.catalogs import admin_units
from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.migrations import migrate_all
from ansinh_common.runtime import default_province_shards
from ansinh_common.testing import Servers, create_database, drop_database
from payment.adapters.generation import generation_params, generation_sql
from payment.adapters.locks import RedisCommuneLock
from payment.adapters.projection import claim_row, membership_row
from payment.adapters.unit_of_work import uow_factory
from payment.domain.commands import GenerateList
from payment.domain.months import Month
from payment.domain.payment_list import PaymentList
from payment.domain.policy import ProvincePolicy
from payment.service_layer.handlers.lists import generate_list
from payment.testing import ALEMBIC_INI, TOPIC, synthetic_beneficiary

COUNTRY = 3_300_000  # ~1,000 in each of the 3,321 communes
MONTH = Month(2025, 5)
BATCH = 50_000
# months before MONTH a decision starts: mostly this month, some with arrears (~1.1 lines each)
START_BACK = (0,) * 22 + (1, 2, 3)

PERSON_COLUMNS = ("person_id", "province_code", "commune_code", "full_name", "birth_date",
                  "died_on")  # fmt: skip
MEMBERSHIP_COLUMNS = ("record_id", "person_id", "province_code", "group_code",
                      "decision_number", "decision_signed_on", "start_month", "end_month",
                      "disability_level", "studying_through", "poverty", "children")  # fmt: skip
CLAIM_COLUMNS = ("claim_id", "person_id", "province_code", "kind", "payee_id",
                 "decision_number", "decision_signed_on", "start_month", "end_month",
                 "pregnant_from", "pregnant_through", "children")  # fmt: skip


def officer(province: str) -> Principal:
    return Principal("bench", "bench", frozenset({"province_officer"}), province)


def country_communes(count: int) -> list[tuple[str, str]]:
    """``count`` (province, commune) pairs taken round-robin over the 34 provinces."""
    version = admin_units.CatalogVersion.V2025
    per_province = [
        [(p.code, c.code) for c in admin_units.children(p.code, version)]
        for p in admin_units.children(admin_units.COUNTRY_CODE, version)
    ]
    picked: list[tuple[str, str]] = []
    for i in range(max(len(x) for x in per_province)):
        picked += [x[i] for x in per_province if i < len(x)]
    return picked[:count]


def batches(people: int, communes: list[tuple[str, str]]) -> Iterator[dict[str, list[Any]]]:
    """Rows of the entitlement projection, as ``save_beneficiary`` would write them."""
    rng = random.Random(7)
    rows: dict[str, list[Any]] = {"persons": [], "memberships": [], "claims": []}
    for n in range(people):
        province, commune = communes[n % len(communes)]
        b = synthetic_beneficiary(rng, n, province, commune, MONTH, START_BACK)
        pid = b.beneficiary_id
        rows["persons"].append((pid, province, commune, f"Người {n}", b.birth_date, b.died_on))
        for m in b.memberships:
            row = membership_row(pid, province, m)
            row["children"] = Jsonb(row["children"])
            rows["memberships"].append(tuple(row[c] for c in MEMBERSHIP_COLUMNS))
        for c in b.care_support:
            row = claim_row(pid, province, c)
            row["children"] = Jsonb(row["children"])
            rows["claims"].append(tuple(row[k] for k in CLAIM_COLUMNS))
        if len(rows["persons"]) >= BATCH:
            yield rows
            rows = {"persons": [], "memberships": [], "claims": []}
    if rows["persons"]:
        yield rows


def load(engine: sa.Engine, people: int, communes: list[tuple[str, str]]) -> None:
    """``COPY`` the projection's rows in batches (persons first: the others reference them)."""
    tables = {
        "persons": ("entitlement_persons", PERSON_COLUMNS),
        "memberships": ("entitlement_memberships", MEMBERSHIP_COLUMNS),
        "claims": ("entitlement_care_claims", CLAIM_COLUMNS),
    }
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        for rows in batches(people, communes):
            with conn.transaction(), conn.cursor() as cur:
                for name, (table, columns) in tables.items():
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in rows[name]:
                            copy.write_row(row)
    finally:
        raw.close()
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("VACUUM ANALYZE"))


@dataclass
class Tally:
    lines: int = 0
    total: int = 0
    seconds: float = 0.0

    def rate(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0


class Bare:
    """The generation query alone, ``INSERT … SELECT`` into an unlogged table."""

    def __init__(self, engine: sa.Engine, first: tuple[str, str]) -> None:
        self.engine = engine
        query = generation_sql().replace("CREATE TEMP TABLE gen_lines ON COMMIT DROP AS", "")
        with engine.begin() as conn:
            conn.execute(
                sa.text(f"CREATE UNLOGGED TABLE bare_lines AS {query} WITH NO DATA"),
                self.params(*first),
            )
        self.query = query
        self.insert = sa.text(
            f"WITH ins AS (INSERT INTO bare_lines {query} RETURNING amount) "
            "SELECT count(*) AS lines, coalesce(sum(amount), 0) AS total FROM ins"
        )

    @staticmethod
    def params(province: str, code: str) -> dict[str, Any]:
        return generation_params(PaymentList(province, code, MONTH, "x"),
                                 ProvincePolicy(province))  # fmt: skip

    def run(self, province: str, code: str) -> tuple[int, int]:
        with self.engine.begin() as conn:  # the same planner settings as the service's
            conn.execute(sa.text("SET LOCAL jit = off"))
            conn.execute(sa.text("SET LOCAL enable_nestloop = off"))
            row = conn.execute(self.insert, self.params(province, code)).one()
        return int(row.lines), int(row.total)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(label: str, bare: Tally, service: Tally) -> None:
    ratio = service.rate() / bare.rate() if bare.rate() else 0.0
    print(
        f"{label}: bare {bare.lines:,} lines in {bare.seconds:.1f} s = {bare.rate():,.0f} "
        f"lines/s | service {service.lines:,} lines in {service.seconds:.1f} s = "
        f"{service.rate():,.0f} lines/s | ratio {ratio:.2f} | load {loadavg()}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.002)
    parser.add_argument("--budget", type=float, default=None,
                        help="stop generating after this many seconds")  # fmt: skip
    parser.add_argument("--stop-at", default=None,
                        help="stop generating at this UTC time, HH:MM")  # fmt: skip
    parser.add_argument("--every", type=int, default=100, help="running total every N communes")
    args = parser.parse_args()
    people = int(COUNTRY * args.scale)
    communes = country_communes(max(1, round(len(country_communes(10**6)) * args.scale)))
    provinces = len({p for p, _ in communes})
    started = time.perf_counter()
    print(f"scale {args.scale}: {people:,} beneficiaries in {len(communes)} communes "
          f"of {provinces} provinces; load average {loadavg()}", flush=True)  # fmt: skip
    servers = Servers.from_env()
    url = create_database(servers.pg_admin_url, "bench_payment")
    try:
        migrate_all(ALEMBIC_INI, database_targets({"s1": url}, None), "upgrade", "head")
        router = ShardRouter(default_province_shards(), {"s1": url, "s2": url, "s3": url}, None)
        uow = uow_factory(router, TOPIC)
        engine = router.engine("s1")
        t0 = time.perf_counter()
        load(engine, people, communes)
        print(f"loaded with COPY in {time.perf_counter() - t0:.1f} s", flush=True)

        bare = Bare(engine, communes[0])
        lock = RedisCommuneLock(Redis.from_url(servers.redis_url),
                                prefix=f"bench:payment:{uuid.uuid4().hex}")  # fmt: skip
        units = CatalogUnitTree()

        def service(province: str, code: str) -> tuple[int, int]:
            summary, _ = generate_list(GenerateList(officer(province), code, MONTH),
                                       uow=uow, lock=lock, units=units)  # fmt: skip
            return summary.lines, summary.total

        tallies = {"bare": Tally(), "service": Tally()}
        contenders = {"bare": bare.run, "service": service}
        print(f"generation starts; load average {loadavg()}", flush=True)
        t_gen = time.perf_counter()
        budget = args.budget
        if args.stop_at is not None:
            now = datetime.now(UTC)
            hour, minute = map(int, args.stop_at.split(":"))
            stop = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
            stop += timedelta(days=1) if stop < now else timedelta()
            budget = min(budget or math.inf, (stop - now).total_seconds())
        done = 0
        for i, (province, code) in enumerate(communes):
            order = ("bare", "service") if i % 2 == 0 else ("service", "bare")
            got = {}
            for name in order:
                t0 = time.perf_counter()
                got[name] = contenders[name](province, code)
                tallies[name].seconds += time.perf_counter() - t0
                tallies[name].lines += got[name][0]
                tallies[name].total += got[name][1]
            if got["bare"] != got["service"]:
                raise SystemExit(f"commune {code}: bare (lines, VND) {got['bare']} "
                                 f"≠ service {got['service']}")  # fmt: skip
            done += 1
            if done % args.every == 0:
                report(f"{done}/{len(communes)} communes", tallies["bare"], tallies["service"])
            if budget is not None and time.perf_counter() - t_gen > budget:
                print(f"time box of {budget:.0f} s spent: stopped after {done} of "
                      f"{len(communes)} communes", flush=True)  # fmt: skip
                break
        router.dispose()
        b, s = tallies["bare"], tallies["service"]
        q, r = divmod(people, len(communes))  # beneficiaries were dealt round-robin
        print(f"communes generated       : {done:,} of {len(communes):,} "
              f"({done * q + min(done, r):,} beneficiaries)")  # fmt: skip
        print(f"bare SQL INSERT … SELECT : {b.lines:>10,} lines in {b.seconds:8.1f} s = "
              f"{b.rate():>8,.0f} lines/s")  # fmt: skip
        print(f"service generate_list    : {s.lines:>10,} lines in {s.seconds:8.1f} s = "
              f"{s.rate():>8,.0f} lines/s")  # fmt: skip
        print(f"same lines and total     : {s.lines == b.lines and s.total == b.total} "
              f"({s.total:,} VND)")  # fmt: skip
        print(f"service / bare           : {s.rate() / b.rate():.2f} (target ≥ 0.50)")
        print(f"load average at end      : {loadavg()}; wall time "
              f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    finally:
        drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
