"""The poverty and procedures read models from real Kafka into a real reporting database
(ADR 0029): the reports as of a month, and a rebuild from the start of the topics that equals
the live copy, duplicates included (the pre-aggregated procedures report too, ADR 0041)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ansinh_common.runtime.testing import MigratedDatabases, migrate_fresh_databases
from ansinh_common.testing import Servers
from reporting.adapters.more_report_reads import SqlMoreReportReads
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings
from reporting.domain.poverty import poverty_scope
from reporting.domain.procedures import child_column
from reporting.domain.reports import unit_scope
from reporting.testing import HOAN_KIEM, certificate, changed, consume_until, decided, dump, publish

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
DEC, JAN = date(2025, 12, 1), date(2026, 1, 1)

POVERTY = [
    decided("h-poor", date(2025, 12, 10), "poor",
            deprivations=("health_insurance", "housing_area")),
    decided("h-near", date(2025, 12, 10), "near_poor", deprivations=("health_insurance",)),
    decided("h-none", date(2025, 12, 10), "none"),
    decided("h-hk", date(2025, 12, 12), "poor", commune=HOAN_KIEM, deprivations=("nutrition",)),
    certificate("h-poor", date(2025, 12, 20)),
    decided("h-poor", date(2026, 1, 5), "near_poor", previous="poor",
            deprivations=("health_insurance",)),
]  # fmt: skip

DOSSIERS = [
    # received in August 2025, resolved late in September
    changed("d-late", 1, date(2025, 8, 20), "submitted", "", "submit"),
    changed("d-late", 2, date(2025, 8, 21), "in_review", "submitted", "receive",
            due_on=date(2025, 9, 1)),
    changed("d-late", 3, date(2025, 9, 3), "decided", "in_review", "decide"),
    # received and resolved on time in September, in person
    changed("d-ok", 1, date(2025, 9, 2), "submitted", "", "submit", channel=1),
    changed("d-ok", 2, date(2025, 9, 2), "in_review", "submitted", "receive", hour=10,
            due_on=date(2025, 9, 12), channel=1),
    changed("d-ok", 3, date(2025, 9, 6), "decided", "in_review", "decide", channel=1),
    # received in September in Hoàn Kiếm, still pending at the end of the month
    changed("d-open", 1, date(2025, 9, 20), "submitted", "", "submit", unit=HOAN_KIEM),
    changed("d-open", 2, date(2025, 9, 22), "in_review", "submitted", "receive", unit=HOAN_KIEM,
            due_on=date(2025, 10, 2)),
    # a pre-2025 dossier of Phường Phúc Xá (district 001), received in March 2025
    changed("d-old", 1, date(2025, 3, 3), "submitted", "", "submit", unit="00001"),
    changed("d-old", 2, date(2025, 3, 4), "in_review", "submitted", "receive", unit="00001"),
]  # fmt: skip


def _settings(dbs: MigratedDatabases, servers: Servers, topics: list[str]) -> ReportingSettings:
    registry, poverty, dossier = topics
    return ReportingSettings(
        shards=dbs.shards,
        global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=registry,
        poverty_topic=poverty,
        dossier_topic=dossier,
    )


def _run(settings: ReportingSettings, group: str) -> None:
    consume_until(build_worker(settings, group_id=group), len(POVERTY) + len(DOSSIERS) + 3)


@pytest.fixture
def live(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> tuple[ReportingSettings, list[str]]:
    topics = [make_topic(1), make_topic(3), make_topic(3)]
    publish(servers.kafka_bootstrap, topics[1], POVERTY + POVERTY[:2])  # two delivered twice
    publish(servers.kafka_bootstrap, topics[2], DOSSIERS + DOSSIERS[2:3])
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = _settings(dbs, servers, topics)
    _run(settings, f"{topics[1]}-live")
    return settings, topics


def test_poverty_and_procedures_reports(live: tuple[ReportingSettings, list[str]]) -> None:
    settings, _ = live
    reads = SqlMoreReportReads(_session_scope(settings))
    dec = reads.poverty(poverty_scope("province", "01", DEC), DEC)
    assert (dec.households, dec.poor, dec.near_poor) == (4, 2, 1)
    assert dec.poor_rate == 0.5
    assert dec.moves == {"entered_poverty": 2, "entered_near_poverty": 1}
    assert dec.deprivations == {"health_insurance": 2, "housing_area": 1, "nutrition": 1}
    jan = reads.poverty(poverty_scope("commune", "00004", JAN), JAN)
    assert (jan.households, jan.poor, jan.near_poor) == (3, 0, 2)
    assert jan.moves == {"left_poverty": 1}
    nov = reads.poverty(poverty_scope("country", "", date(2025, 11, 1)), date(2025, 11, 1))
    assert nov.households == 0 and nov.poor_rate == 0.0

    sep = date(2025, 9, 1)
    scope = unit_scope("province", "01", sep)
    report = reads.procedures(scope, sep, child_column(scope))
    assert [report.total(n) for n in ("received", "resolved_on_time", "resolved_late",
                                      "pending")] == [2, 1, 1, 2]  # fmt: skip
    by_unit = {(x.unit_code, x.channel): x for x in report.lines}
    assert by_unit[("00070", 2)].pending == 1
    assert by_unit[("00097", 2)].pending == 1  # d-old, from Phúc Xá, under its 2025 commune
    assert by_unit[("00004", 1)].resolved_on_time == 1
    assert by_unit[("00004", 2)].resolved_late == 1
    steps = {s.state: s for s in report.steps}
    assert steps["in_review"].count == 2  # d-late and d-ok left review in September
    assert steps["in_review"].average_days == pytest.approx((13 + (4 - 1 / 24)) / 2, abs=1e-3)
    march = date(2025, 3, 1)
    district = unit_scope("district", "001", march)
    old = reads.procedures(district, march, child_column(district))
    assert [(x.unit_code, x.received, x.pending) for x in old.lines] == [("00001", 1, 1)]


def test_replaying_the_topics_rebuilds_identical_read_models(
    live: tuple[ReportingSettings, list[str]],
    servers: Servers,
    make_database: Callable[[str], str],
) -> None:
    settings, topics = live
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    rebuilt = _settings(dbs, servers, topics)
    _run(rebuilt, f"{topics[1]}-rebuild")
    for table, key in (
        ("rm_poverty_status", "event_id"),
        ("rm_poverty_month_count", "unit_level, unit_code, month, dimension, key"),
        ("rm_dossier_event", "event_id"),
        ("rm_dossier", "dossier_id"),
        ("rm_procedure_count", "unit_level, unit_code, child_level, child_code, month, "
                               "procedure_code, channel"),
        ("rm_procedure_step_time", "unit_level, unit_code, month, state, bucket"),
    ):  # fmt: skip
        live_rows = dump(settings.global_db_url or "", table, key)
        assert live_rows, table
        assert dump(rebuilt.global_db_url or "", table, key) == live_rows


def _session_scope(settings: ReportingSettings):  # type: ignore[no-untyped-def]
    from ansinh_common.db import ShardRouter

    return ShardRouter.from_settings(settings).global_session
