"""Helpers for tests and benchmarks: migrated scratch databases of the payment service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.migrations import migrate_all
from ansinh_common.runtime import default_province_shards

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"
TOPIC = "ansinh.payment.v1"


@dataclass
class PaymentCluster:
    """Three migrated shard databases and the global one, routed like development."""

    router: ShardRouter
    shard_urls: dict[str, str]
    global_url: str


def make_payment_cluster(make_database: Callable[[str], str]) -> PaymentCluster:
    shards = {f"s{n}": make_database(f"payment_s{n}") for n in (1, 2, 3)}
    global_url = make_database("payment_global")
    migrate_all(ALEMBIC_INI, database_targets(shards, global_url), "upgrade", "head")
    router = ShardRouter(default_province_shards(), shards, global_url)
    return PaymentCluster(router, shards, global_url)
