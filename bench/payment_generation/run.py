"""Benchmark of monthly list generation against a bare SQL ``INSERT … SELECT``, in one run.

A synthetic country (``--scale 1.0`` = 3.3 million beneficiaries in the 3,321 communes of the
34 provinces, ~1,000 each, with care support, several groups, deaths and arrears:
``payment.testing.synthetic_beneficiary``) is bulk-loaded (the projection's own row builders,
batched inserts; not timed) into a fresh migrated database that every shard of the router points
to (shared PostgreSQL); ``--scale`` runs a fraction of it (``scale × 3,321`` communes taken
across all provinces).

1. **Baseline**: for every commune, the bare ``INSERT … SELECT`` of the generation query
   (``payment/adapters/sql/generate_lines.sql``, the same amounts) into an unlogged table:
   no list, no idempotent apply, no lock, no outbox.
2. **Service**: ``payment.service_layer.handlers.lists.generate_list`` for every commune (Redis
   lock, unit of work, set-based generation, idempotent apply into ``payment_lines``, list
   header and ``ListGenerated`` in the outbox, one transaction per commune).

Prints lines/s of both and their ratio (target: the service at least half the bare SQL).

    .venv/bin/python bench/payment_generation/run.py                  # scale 0.002
    .venv/bin/python bench/payment_generation/run.py --scale 0.01
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
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
from payment.adapters.orm import (
    entitlement_care_claims,
    entitlement_memberships,
    entitlement_persons,
)
from payment.adapters.projection import claim_row, membership_row
from payment.adapters.unit_of_work import uow_factory
from payment.domain.commands import GenerateList
from payment.domain.months import Month
from payment.domain.payment_list import PaymentList
from payment.domain.policy import ProvincePolicy
from payment.service_layer.handlers.lists import generate_list
from payment.testing import ALEMBIC_INI, TOPIC, synthetic_beneficiary

COUNTRY = 3_300_000
PER_COMMUNE = 1_000
MONTH = Month(2025, 5)
BATCH = 5_000


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
        b = synthetic_beneficiary(rng, n, province, commune, MONTH)
        pid = b.beneficiary_id
        rows["persons"].append(
            {"person_id": pid, "province_code": province, "commune_code": commune,
             "full_name": f"Người {n}", "birth_date": b.birth_date, "died_on": b.died_on}
        )  # fmt: skip
        rows["memberships"] += [membership_row(pid, province, m) for m in b.memberships]
        rows["claims"] += [claim_row(pid, province, c) for c in b.care_support]
        if len(rows["persons"]) >= BATCH:
            yield rows
            rows = {"persons": [], "memberships": [], "claims": []}
    if rows["persons"]:
        yield rows


def load(engine: sa.Engine, people: int, communes: list[tuple[str, str]]) -> None:
    tables = {
        "persons": entitlement_persons,
        "memberships": entitlement_memberships,
        "claims": entitlement_care_claims,
    }
    for rows in batches(people, communes):
        with engine.begin() as conn:
            for name, table in tables.items():
                if rows[name]:
                    conn.execute(table.insert(), rows[name])
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("VACUUM ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.002)
    args = parser.parse_args()
    people = int(COUNTRY * args.scale)
    communes = country_communes(max(1, people // PER_COMMUNE))
    provinces = len({p for p, _ in communes})
    print(f"scale {args.scale}: {people:,} beneficiaries in {len(communes)} communes "
          f"of {provinces} provinces")  # fmt: skip
    servers = Servers.from_env()
    url = create_database(servers.pg_admin_url, "bench_payment")
    try:
        migrate_all(ALEMBIC_INI, database_targets({"s1": url}, None), "upgrade", "head")
        router = ShardRouter(default_province_shards(), {"s1": url, "s2": url, "s3": url}, None)
        uow = uow_factory(router, TOPIC)
        t0 = time.perf_counter()
        load(router.engine("s1"), people, communes)
        print(f"loaded in {time.perf_counter() - t0:.1f} s")

        engine = router.engine("s1")
        query = generation_sql().replace("CREATE TEMP TABLE gen_lines ON COMMIT DROP AS", "")
        with engine.begin() as conn:
            province, code = communes[0]
            params = generation_params(PaymentList(province, code, MONTH, "x"),
                                       ProvincePolicy(province))  # fmt: skip
            conn.execute(sa.text(f"CREATE UNLOGGED TABLE bare_lines AS {query} WITH NO DATA"),
                         params)  # fmt: skip
        t0 = time.perf_counter()
        bare = 0
        for province, code in communes:
            with engine.begin() as conn:
                conn.execute(sa.text("SET LOCAL jit = off"))
                conn.execute(sa.text("SET LOCAL enable_nestloop = off"))
                params = generation_params(
                    PaymentList(province, code, MONTH, "x"), ProvincePolicy(province)
                )
                bare += conn.execute(sa.text(f"INSERT INTO bare_lines {query}"), params).rowcount
        bare_s = time.perf_counter() - t0

        lock = RedisCommuneLock(Redis.from_url(servers.redis_url),
                                prefix=f"bench:payment:{uuid.uuid4().hex}")  # fmt: skip
        units = CatalogUnitTree()
        t0 = time.perf_counter()
        lines = 0
        for province, code in communes:
            cmd = GenerateList(officer(province), code, MONTH)
            summary, _ = generate_list(cmd, uow=uow, lock=lock,
                                       units=units)  # fmt: skip
            lines += summary.lines
        service_s = time.perf_counter() - t0
        router.dispose()
        print(
            f"bare SQL INSERT … SELECT : {bare:>9,} lines in {bare_s:7.1f} s = "
            f"{bare / bare_s:>9,.0f} lines/s"
        )
        print(
            f"service generate_list    : {lines:>9,} lines in {service_s:7.1f} s = "
            f"{lines / service_s:>9,.0f} lines/s"
        )
        print(
            f"service / bare           : {(lines / service_s) / (bare / bare_s):.2f} "
            "(target ≥ 0.50)"
        )
    finally:
        drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
