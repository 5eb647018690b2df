"""The pre-aggregated poverty counts and budget totals (ADR 0040) against the direct
computation over the read-model rows: random household histories (decisions out of month
order, exits, re-entries, a household moving commune, duplicates) and random payment lists
and results (regenerated lists, approvals, results superseded by a later one, arrears,
duplicates; a month before July 2025, reported by pre-2025 district and commune) applied
batch by batch by the projection into a real reporting database. For several months and
units the reports from the aggregates equal the scans, and the tables kept event by event
equal a bulk fill from the final rows."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ansinh_common.db import ShardRouter
from ansinh_common.messaging import Envelope
from ansinh_common.runtime.testing import migrate_fresh_databases
from reporting.adapters import budget_month_totals, poverty_month_counts
from reporting.adapters.more_report_reads import SqlMoreReportReads
from reporting.bootstrap import apply_events
from reporting.config import ReportingSettings
from reporting.domain.poverty import poverty_scope
from reporting.domain.reports import unit_scope
from reporting.testing import (
    BA_DINH,
    HOAN_KIEM,
    OLD_COMMUNE,
    OLD_DISTRICT,
    decided,
    dump,
    list_approved,
    list_generated,
    month_closed,
    result,
)

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
COMMUNES = (BA_DINH, HOAN_KIEM, "00097")
STATUSES = ("poor", "near_poor", "none", "none")
DEPRIVATIONS = ("health_insurance", "housing_area", "nutrition", "clean_water")
MONTHS = [date(2025, m, 1) for m in range(7, 13)] + [date(2026, m, 1) for m in range(1, 4)]
GROUPS, CHANNELS = ("5.1", "5.5a", "5.6"), ("CASH_COMMUNE", "VBSP", "MOMO")
OUTCOMES = ("paid", "paid", "failed", "returned")
MARCH = date(2025, 3, 1)  # the pre-2025 catalog: districts, pre-2025 communes
PRE_COMMUNES = (OLD_COMMUNE, BA_DINH)
POVERTY_KEY = "unit_level, unit_code, month, dimension, key"
BUDGET_KEY = "unit_level, unit_code, month, figure, group_code, channel, arrears"


def _poverty(rng: random.Random) -> list[Envelope]:
    events = []
    for h in range(60):
        previous, commune = "none", rng.choice(COMMUNES)
        for _ in range(rng.randint(1, 4)):
            status = rng.choice(STATUSES)
            commune = rng.choice(COMMUNES) if rng.random() < 0.2 else commune
            on = rng.choice(MONTHS).replace(day=rng.randint(1, 28))
            depr = tuple(rng.sample(DEPRIVATIONS, rng.randint(0, 3)))
            events.append(decided(f"h{h}", on, status, previous, commune, depr))
            previous = status
    return events


def _payments(rng: random.Random) -> list[Envelope]:
    events = []
    for month, communes in [(m, COMMUNES) for m in MONTHS[3:6]] + [(MARCH, PRE_COMMUNES)]:
        for commune in communes:
            totals = tuple(
                (rng.choice(GROUPS), c, rng.random() < 0.3, rng.randint(1, 5),
                 rng.randint(1, 9) * 100_000)
                for c in rng.sample(CHANNELS, 2)
            )  # fmt: skip
            events.append(list_generated(commune, month, 1, totals=totals[:1]))
            events.append(list_generated(commune, month, 2, totals=totals))  # regenerated
            if rng.random() < 0.7:
                events.append(list_approved(commune, month, 2, totals[1:]))
            if rng.random() < 0.5:
                events.append(month_closed(commune, month))
            for line in range(15):
                group, channel = rng.choice(GROUPS), rng.choice(CHANNELS)
                arrears, amount = rng.random() < 0.2, rng.randint(1, 20) * 50_000
                line_id = f"{commune}-{month:%Y%m}-{line}"
                for _ in range(rng.choice((1, 1, 2, 3))):  # later results supersede
                    outcome = rng.choice(OUTCOMES)
                    events.append(result(line_id, commune, month, outcome, channel, amount,
                                         group, arrears))  # fmt: skip
    return events


def _apply(router: ShardRouter, events: list[Envelope], rng: random.Random) -> None:
    events = events + rng.sample(events, len(events) // 10)  # some delivered twice, later
    i = 0
    while i < len(events):
        n = rng.randint(1, 40)
        with router.global_session() as session:
            apply_events(session, events[i : i + n])
        i += n


def test_aggregates_equal_the_scans_and_a_bulk_fill(make_database: Callable[[str], str]) -> None:
    rng = random.Random(40)
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))},
    )  # fmt: skip
    router = ShardRouter.from_settings(settings)
    try:
        _apply(router, _poverty(rng) + _payments(rng), rng)
        reads = SqlMoreReportReads(router.global_session)
        checked: dict[str, Any] = {"poor": 0, "superseded_paid": 0}
        for month in MONTHS:
            for level, code in [("country", "VN"), ("province", "01")] + [
                ("commune", c) for c in COMMUNES
            ]:
                scope = poverty_scope(level, code, month)
                poverty = reads.poverty(scope, month)
                assert poverty == reads.poverty_by_scan(scope, month), (level, code, month)
                checked["poor"] += poverty.poor
                budget_scope = unit_scope(level, code, month)
                budget = reads.budget(budget_scope, month)
                assert budget == reads.budget_by_scan(budget_scope, month), (level, code, month)
                checked["superseded_paid"] += budget.paid_vnd
        for level, code in [("country", "VN"), ("province", "01"), ("district", OLD_DISTRICT),
                            ("commune", OLD_COMMUNE), ("commune", BA_DINH)]:  # fmt: skip
            scope = unit_scope(level, code, MARCH)
            budget = reads.budget(scope, MARCH)
            assert budget == reads.budget_by_scan(scope, MARCH), (level, code, MARCH)
            checked["pre_paid"] = checked.get("pre_paid", 0) + budget.paid_vnd
        assert checked["poor"] > 0 and checked["superseded_paid"] > 0  # not all empty
        assert checked["pre_paid"] > 0
        kept = (
            dump(dbs.global_url, "rm_poverty_month_count", POVERTY_KEY),
            dump(dbs.global_url, "rm_budget_month_total", BUDGET_KEY),
        )
        with router.global_session() as session:
            poverty_month_counts.fill_all(session)
            budget_month_totals.fill_all(session)
        assert all(kept)
        assert dump(dbs.global_url, "rm_poverty_month_count", POVERTY_KEY) == kept[0]
        assert dump(dbs.global_url, "rm_budget_month_total", BUDGET_KEY) == kept[1]
    finally:
        router.dispose()
