"""Helpers of the payment integration tests: principals, a wired generation, population load."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from redis import Redis

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import CatalogUnitTree
from payment.adapters.locks import RedisCommuneLock
from payment.adapters.projection import save_beneficiary
from payment.adapters.unit_of_work import uow_factory
from payment.domain.commands import ApproveList, GenerateList
from payment.domain.model import Beneficiary
from payment.domain.months import Month
from payment.domain.payment_list import ListSummary, PaymentList
from payment.service_layer.handlers.lists import approve_list, generate_list
from payment.testing import TOPIC, PaymentCluster

HANOI, BA_DINH = "01", "00004"
OFFICER = Principal("sub-officer", "canbo.badinh", frozenset({"commune_officer"}), BA_DINH)
LEADER = Principal("sub-leader", "lanhdao.badinh", frozenset({"commune_leader"}), BA_DINH)
UNITS = CatalogUnitTree()


class Wired:
    def __init__(self, cluster: PaymentCluster, redis_url: str, wait_s: float = 30.0) -> None:
        self.cluster = cluster
        self.uow = uow_factory(cluster.router, TOPIC)
        self.redis: Redis[Any] = Redis.from_url(redis_url)
        prefix = f"test:payment:{uuid.uuid4().hex}"
        self.lock = RedisCommuneLock(self.redis, prefix=prefix, wait_s=wait_s)

    def generate(
        self, month: Month, commune: str = BA_DINH, by: Principal = OFFICER
    ) -> tuple[ListSummary, bool]:
        cmd = GenerateList(by, commune, month)
        return generate_list(cmd, uow=self.uow, lock=self.lock, units=UNITS)

    def approve(self, month: Month, commune: str = BA_DINH, by: Principal = LEADER) -> PaymentList:
        return approve_list(ApproveList(by, commune, month), uow=self.uow, units=UNITS)

    def load(self, people: Iterable[tuple[Beneficiary, str]], province: str = HANOI) -> None:
        with self.uow(province) as u:
            for b, name in people:
                save_beneficiary(u.session, b, name)
            u.session.commit()

    def lines(self, month: Month, commune: str = BA_DINH) -> list[dict[str, Any]]:
        engine = self.cluster.router.engine(self.cluster.router.shard_for(HANOI))
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT id, national_id, kind, month_for, amount_vnd, needs_review, breakdown,"
                    " created_at FROM payment_lines WHERE list_id = :id ORDER BY id"
                ),
                {"id": f"{commune}:{month}"},
            )
            return [dict(r._mapping) for r in rows]
