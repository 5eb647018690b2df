"""Statement-by-statement profile of one commune's generation at country density.

Loads ``--communes`` communes of ~1,000 synthetic beneficiaries each (``run.py``'s data),
generates all but the last through the service (so ``payment_lines`` holds their lines, as in
the middle of a country run; each of them also carried over once, as months of history in
``payment_carry_overs``, 20 pending in the profiled commune), then prints
``EXPLAIN (ANALYZE, BUFFERS)`` of the last commune's bare ``INSERT … SELECT`` and of each
statement the service runs for it (generation into ``gen_lines``, the idempotent apply, the
summary), with their wall times.

    .venv/bin/python bench/payment_generation/profile.py --communes 30
"""

from __future__ import annotations

import argparse
import time
import uuid
from typing import Any

import sqlalchemy as sa
from redis import Redis
from run import MONTH, Bare, country_communes, load, officer

from ansinh_common.authz import CatalogUnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.migrations import migrate_all
from ansinh_common.runtime import default_province_shards
from ansinh_common.testing import Servers, create_database, drop_database
from payment.adapters import generation
from payment.adapters.locks import RedisCommuneLock
from payment.adapters.unit_of_work import uow_factory
from payment.domain.commands import GenerateList
from payment.domain.payment_list import PaymentList
from payment.domain.policy import ProvincePolicy
from payment.service_layer.handlers.lists import generate_list
from payment.testing import ALEMBIC_INI, TOPIC

NEW_LIST = """INSERT INTO payment_lists (id, province_code, commune_code, month, prepared_by)
              VALUES (:id, :province, :commune, :month, 'bench')"""

# every generated line carried over once (consumed by itself: history), 20 of them pending in
# the profiled commune
CARRY_OVERS = """
INSERT INTO payment_carry_overs (id, province_code, commune_code, record_id, national_id,
                                 from_line_id, month_for, amount_vnd, reason, consumed_by_line_id)
SELECT 'co:' || l.id, CASE WHEN n <= 20 THEN :province ELSE pl.province_code END,
       CASE WHEN n <= 20 THEN :commune ELSE pl.commune_code END, l.record_id, l.national_id,
       l.id, (CAST(:month AS date) - interval '1 month')::date, l.amount_vnd, 'failed',
       CASE WHEN n > 20 THEN l.id END
  FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM payment_lines) l
  JOIN payment_lists pl ON pl.id = l.list_id
"""


def explain(conn: sa.Connection, label: str, sql: str, params: dict[str, Any]) -> None:
    t0 = time.perf_counter()
    plan = conn.execute(sa.text(f"EXPLAIN (ANALYZE, BUFFERS) {sql}"), params).scalars().all()
    print(f"=== {label}: {time.perf_counter() - t0:.3f} s")
    print("\n".join(plan), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=30)
    args = parser.parse_args()
    servers = Servers.from_env()
    url = create_database(servers.pg_admin_url, "bench_payment_profile")
    try:
        migrate_all(ALEMBIC_INI, database_targets({"s1": url}, None), "upgrade", "head")
        router = ShardRouter(default_province_shards(), {"s1": url, "s2": url, "s3": url}, None)
        uow = uow_factory(router, TOPIC)
        engine = router.engine("s1")
        communes = country_communes(args.communes)
        load(engine, args.communes * 1_000, communes)
        lock = RedisCommuneLock(Redis.from_url(servers.redis_url),
                                prefix=f"bench:payment:{uuid.uuid4().hex}")  # fmt: skip
        units = CatalogUnitTree()
        for province, code in communes[:-1]:
            generate_list(GenerateList(officer(province), code, MONTH),
                          uow=uow, lock=lock, units=units)  # fmt: skip
        province, code = communes[-1]
        with engine.begin() as conn:  # months of history: every line once failed and carried
            conn.execute(sa.text(CARRY_OVERS), {"province": province, "commune": code,
                                                "month": MONTH.first_day()})  # fmt: skip
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE"))
        bare = Bare(engine, communes[0])
        payment_list = PaymentList(province, code, MONTH, "bench")
        params = generation.generation_params(payment_list, ProvincePolicy(province))
        planner = ("SET LOCAL jit = off", "SET LOCAL enable_nestloop = off")
        with engine.begin() as conn:
            for setting in planner:
                conn.execute(sa.text(setting))
            explain(conn, "bare INSERT … SELECT", f"INSERT INTO bare_lines {bare.query}", params)
        with engine.begin() as conn:
            row = {"id": payment_list.id, "province": province, "commune": code,
                   "month": MONTH.first_day()}  # fmt: skip
            conn.execute(sa.text(NEW_LIST), row)
            for setting in planner:
                conn.execute(sa.text(setting))
            explain(conn, "service: generation into gen_lines", generation.generation_sql(), params)
            keys = {"list_id": payment_list.id, "province": province, "commune": code}
            for i, statement in enumerate(generation._APPLY):
                explain(conn, f"service: apply {i + 1}", statement, keys)
            explain(conn, "service: summary", generation._SUMMARY, {"list_id": payment_list.id})
        router.dispose()
    finally:
        drop_database(servers.pg_admin_url, url)


if __name__ == "__main__":
    main()
