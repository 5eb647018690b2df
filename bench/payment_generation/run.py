"""Benchmark of monthly list generation against a bare SQL ``INSERT … SELECT``, in one run.

A synthetic country (``--scale 1.0`` = 3.3 million beneficiaries in ~3,300 communes of ~1,000,
with care support, several groups, deaths and arrears: ``payment.testing.synthetic_beneficiary``)
is loaded into a fresh migrated shard (shared PostgreSQL); ``--scale`` runs a fraction of it.

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
from payment.adapters.projection import save_beneficiary
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
OFFICER = Principal("bench", "bench", frozenset({"province_officer"}), "01")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.002)
    args = parser.parse_args()
    people = int(COUNTRY * args.scale)
    communes = [u.code for u in admin_units.children("01", admin_units.CatalogVersion.V2025)]
    n_communes = max(1, min(len(communes), people // PER_COMMUNE))
    communes = communes[:n_communes]
    print(f"scale {args.scale}: {people:,} beneficiaries in {n_communes} communes of Hà Nội")
    servers = Servers.from_env()
    url = create_database(servers.pg_admin_url, "bench_payment")
    try:
        migrate_all(ALEMBIC_INI, database_targets({"s1": url}, None), "upgrade", "head")
        router = ShardRouter(default_province_shards(), {"s1": url, "s2": url, "s3": url}, None)
        uow = uow_factory(router, TOPIC)
        rng = random.Random(7)
        t0 = time.perf_counter()
        with uow("01") as u:
            for n in range(people):
                b = synthetic_beneficiary(rng, n, "01", communes[n % n_communes], MONTH)
                save_beneficiary(u.session, b, f"Người {n}")
            u.session.execute(sa.text("ANALYZE"))
            u.session.commit()
        print(f"loaded in {time.perf_counter() - t0:.1f} s")

        engine = router.engine("s1")
        query = generation_sql().replace("CREATE TEMP TABLE gen_lines ON COMMIT DROP AS", "")
        with engine.begin() as conn:
            params = generation_params(PaymentList("01", communes[0], MONTH, "x"),
                                       ProvincePolicy("01"))  # fmt: skip
            conn.execute(sa.text(f"CREATE UNLOGGED TABLE bare_lines AS {query} WITH NO DATA"),
                         params)  # fmt: skip
        t0 = time.perf_counter()
        bare = 0
        for code in communes:
            with engine.begin() as conn:
                conn.execute(sa.text("SET LOCAL jit = off"))
                conn.execute(sa.text("SET LOCAL enable_nestloop = off"))
                params = generation_params(
                    PaymentList("01", code, MONTH, "x"), ProvincePolicy("01")
                )
                bare += conn.execute(sa.text(f"INSERT INTO bare_lines {query}"), params).rowcount
        bare_s = time.perf_counter() - t0

        lock = RedisCommuneLock(Redis.from_url(servers.redis_url),
                                prefix=f"bench:payment:{uuid.uuid4().hex}")  # fmt: skip
        units = CatalogUnitTree()
        t0 = time.perf_counter()
        lines = 0
        for code in communes:
            summary, _ = generate_list(GenerateList(OFFICER, code, MONTH), uow=uow, lock=lock,
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
