"""Helpers for tests and benchmarks: migrated scratch databases of the payment service."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.migrations import migrate_all
from ansinh_common.runtime import default_province_shards
from payment.domain.model import (
    Beneficiary,
    CareKind,
    CareSupportClaim,
    Child,
    DecisionRef,
    DisabilityLevel,
    Membership,
    PovertyStatus,
)
from payment.domain.months import Month

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"
TOPIC = "ansinh.payment.v1"
GROUPS = ("5.1", "5.2", "5.3", "5.4", "5.5a", "5.5b", "5.5c", "5.5d", "5.6", "5.7", "5.8")


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


def synthetic_beneficiary(
    rng: random.Random, n: int, province: str, commune: str, month: Month,
    start_back: Sequence[int] = (0, 0, 0, 1, 3, 14),
) -> Beneficiary:  # fmt: skip
    """A varied beneficiary around ``month``: every group, ages near the transitions (4, 16,
    22, 60, 75, 80), several groups with 5.4, care support C1–C4, deaths, stops, decisions
    signed months before (arrears: the decision starts ``rng.choice(start_back)`` months
    before ``month``). Deterministic for a given ``rng`` state."""
    pid = f"{province}{n:010d}"
    decision = DecisionRef(f"{n}/QĐ-UBND", date(2024, 1, 10))
    group = rng.choice(GROUPS)
    age = {
        "5.1": rng.choice([3, 4, 10, 15, 16, 17]),
        "5.2": rng.choice([17, 21, 22, 23]),
        "5.3": rng.choice([3, 4, 16, 17]),
        "5.4": rng.choice([30, 45]),
        "5.5a": rng.choice([59, 60, 70, 79, 80, 85]),
        "5.5b": rng.choice([74, 75, 79, 80]),
        "5.5c": rng.choice([79, 80, 90]),
        "5.5d": rng.choice([59, 60, 70]),
        "5.6": rng.choice([10, 15, 16, 40, 59, 60, 70]),
        "5.7": rng.choice([2, 3, 4]),
        "5.8": rng.choice([30, 50]),
    }[group]
    born = date(month.year - age, rng.randint(1, 12), rng.randint(1, 28))
    start = month.plus(-rng.choice(start_back))
    end = max(start, month.plus(rng.choice([-1, 0, 2]))) if rng.random() < 0.1 else None
    level = rng.choice(list(DisabilityLevel)) if group == "5.6" else None
    studying = month.plus(rng.choice([-2, 0, 24])) if group in ("5.1", "5.2") else None

    def kids(k: int) -> tuple[Child, ...]:
        return tuple(
            Child(date(month.year - rng.choice([0, 1, 2, 3, 15, 16, 17]), rng.randint(1, 12), 5),
                  month.plus(12) if rng.random() < 0.5 else None)
            for _ in range(k)
        )  # fmt: skip

    members = [
        Membership(f"r{n}a", group, decision, start, end, level, studying, PovertyStatus.POOR,
                   kids(rng.randint(1, 3)) if group == "5.4" else ())
    ]  # fmt: skip
    if rng.random() < 0.25:  # a second group (Art. 6.2), often a 5.4 single parent
        second = rng.choice(["5.4", "5.4", "5.8", "5.6", "5.5a"])
        members.append(
            Membership(f"r{n}b", second, decision, month.plus(-rng.choice([0, 2])), None,
                       rng.choice([DisabilityLevel.SEVERE, DisabilityLevel.ESPECIALLY_SEVERE]),
                       None, PovertyStatus.POOR, kids(rng.randint(1, 2)))
        )  # fmt: skip
    care: list[CareSupportClaim] = []
    if rng.random() < 0.3:
        kind = rng.choice(list(CareKind))
        care.append(
            CareSupportClaim(f"c{n}", kind, pid if kind is CareKind.DISABLED_PARENT else f"p{n}",
                             decision, start, None, month.plus(-1) if rng.random() < 0.3 else None,
                             month.plus(4), kids(rng.randint(0, 2)))
        )  # fmt: skip
    died = None
    if rng.random() < 0.08 and month.plus(-2) >= start:  # a death after the decision's start
        died = month.plus(rng.choice([-2, 0])).day(rng.randint(1, 28))
        members = [
            Membership(m.record_id, m.group, m.decision, m.start_month,
                       Month.of(died) if m.end_month is None or m.end_month > Month.of(died)
                       else m.end_month,
                       m.disability_level, m.studying_through, m.poverty, m.children)
            for m in members
        ]  # fmt: skip
    return Beneficiary(pid, pid, born, province, commune, tuple(members), tuple(care), died)
