"""The budget read model from payment events through real Kafka into a real reporting database
(ADR 0029): owed, approved, paid by channel, unpaid, the share through accounts; by Art. 5
group and channel with arrears apart (ADR 0035); a rebuild from the start of the topic equals
the live copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ansinh_common.db import ShardRouter
from ansinh_common.runtime.testing import MigratedDatabases, migrate_fresh_databases
from ansinh_common.testing import Servers
from reporting.adapters.more_report_reads import SqlMoreReportReads
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings
from reporting.domain.budget import BudgetLine
from reporting.domain.reports import unit_scope
from reporting.testing import (
    BA_DINH,
    HOAN_KIEM,
    consume_until,
    dump,
    list_approved,
    list_generated,
    month_closed,
    publish,
    result,
)

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
OCT = date(2025, 10, 1)
BA_DINH_TOTALS = (
    ("5.5a", "CASH_COMMUNE", False, 1, 500_000),
    ("5.6", "VBSP", False, 1, 500_000),
    ("5.6", "VBSP", True, 1, 500_000),  # arrears: a line paying September
)
EVENTS = [
    list_generated(
        BA_DINH, OCT, 1_000_000, totals=(("5.5a", "CASH_COMMUNE", False, 2, 1_000_000),)
    ),
    # regenerated: replaces the owed total and its totals by group
    list_generated(BA_DINH, OCT, 1_500_000, lines=3, totals=BA_DINH_TOTALS),
    list_approved(BA_DINH, OCT, 1_500_000, BA_DINH_TOTALS),
    list_generated(HOAN_KIEM, OCT, 700_000, totals=(("5.1", "MOMO", False, 1, 700_000),)),
    month_closed(BA_DINH, OCT),
    result("l1", BA_DINH, OCT, "paid", "VBSP", 500_000, "5.6"),
    result("l2", BA_DINH, OCT, "paid", "CASH_COMMUNE", 500_000, "5.5a"),
    result("l3", BA_DINH, OCT, "failed", "VBSP", 500_000, "5.6", arrears=True),
    result("l4", HOAN_KIEM, OCT, "paid", "MOMO", 700_000, "5.1"),
    # the latest result counts
    result("l2", BA_DINH, OCT, "returned", "CASH_COMMUNE", 500_000, "5.5a"),
]


def _settings(dbs: MigratedDatabases, servers: Servers, topics: list[str]) -> ReportingSettings:
    return ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))}, kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=topics[0], payment_topic=topics[1],
    )  # fmt: skip


def test_budget_report_and_rebuild(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> None:
    topics = [make_topic(1), make_topic(3)]
    publish(servers.kafka_bootstrap, topics[1], EVENTS + EVENTS[5:6])  # one delivered twice
    live = _settings(
        migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1), servers, topics
    )
    consume_until(build_worker(live, group_id=f"{topics[1]}-live"), len(EVENTS) + 1)
    router = ShardRouter.from_settings(live)
    try:
        reads = SqlMoreReportReads(router.global_session)
        report = reads.budget(unit_scope("province", "01", OCT), OCT)
        assert (report.lists, report.closed) == (2, 1)
        assert (report.owed_vnd, report.paid_vnd, report.unpaid_vnd) == (
            2_200_000, 1_200_000, 1_000_000,
        )  # fmt: skip
        assert report.paid_by_channel == {"VBSP": 500_000, "MOMO": 700_000}
        assert report.account_share == 1.0
        assert report.lines == (  # group, channel, arrears: owed, approved, paid, unpaid
            BudgetLine("5.1", "MOMO", False, 700_000, 0, 700_000, 0),
            BudgetLine("5.5a", "CASH_COMMUNE", False, 500_000, 500_000, 0, 500_000),
            BudgetLine("5.6", "VBSP", False, 500_000, 500_000, 500_000, 0),
            BudgetLine("5.6", "VBSP", True, 500_000, 500_000, 0, 500_000),
        )
        assert (report.arrears_owed_vnd, report.arrears_paid_vnd) == (500_000, 0)
        commune = reads.budget(unit_scope("commune", BA_DINH, OCT), OCT)
        assert (commune.owed_vnd, commune.paid_vnd) == (1_500_000, 500_000)
        assert {line.group_code for line in commune.lines} == {"5.5a", "5.6"}
    finally:
        router.dispose()

    rebuilt = _settings(
        migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1), servers, topics
    )
    consume_until(build_worker(rebuilt, group_id=f"{topics[1]}-rebuild"), len(EVENTS) + 1)
    for table, key in (
        ("rm_payment_list", "list_id"),
        ("rm_payment_result", "event_id"),
        ("rm_payment_total", "list_id, stage, group_code, channel, arrears"),
        ("rm_budget_month_total", "unit_level, unit_code, month, figure, group_code, channel, "
         "arrears"),
    ):  # fmt: skip
        rows = dump(live.global_db_url or "", table, key)
        assert rows and dump(rebuilt.global_db_url or "", table, key) == rows, table
