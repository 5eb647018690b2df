"""Read models from real Kafka into a real reporting database: the beneficiaries report
as of a month (versioned units, changes of the month), the data-quality campaign, and a
rebuild from the start of the topic that equals the live copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ansinh_common.db import ShardRouter
from ansinh_common.runtime.testing import MigratedDatabases, migrate_fresh_databases
from ansinh_common.testing import Servers
from reporting.adapters.report_reads import SqlReportReads
from reporting.bootstrap import build_worker, report_reads
from reporting.config import ReportingSettings
from reporting.domain.reports import unit_scope
from reporting.testing import (
    OLD_COMMUNE,
    consume_until,
    died,
    dump,
    information_changed,
    publish,
    registered,
    ym,
)

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"

EVENTS = [
    # a pre-2025 record of Phường Phúc Xá (00001, district 001), which became Hồng Hà (00097)
    registered("r-old", date(2024, 1, 1), catalog_version="pre2025", commune_code=OLD_COMMUNE,
               district_code="001", care_support_households=1),
    # loaded from the legacy database, no personal ID number, in Trúc Bạch (00004, pre-2025)
    registered("r-imp", date(2020, 1, 1), imported=True, catalog_version="pre2025",
               commune_code="00004", findings=["personal_id_missing"]),
    registered("r-child", date(2025, 8, 1), category_code="5.1", gender="male",
               birth_month=ym(date(2015, 6, 1))),
    registered("r-dies", date(2025, 8, 1), ethnicity_code=None, findings=["ethnicity_missing"]),
    information_changed("r-child", date(2025, 9, 3), version=2, category_code="5.1",
                        gender="male", birth_month=ym(date(2015, 6, 1)), ethnicity_code="02"),
    died("r-dies", date(2025, 10, 5), version=2, ethnicity_code=None,
         findings=["ethnicity_missing"]),
]  # fmt: skip


def _settings(dbs: MigratedDatabases, servers: Servers, topic: str) -> ReportingSettings:
    return ReportingSettings(
        shards=dbs.shards,
        global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=topic,
    )


@pytest.fixture
def live(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> tuple[ReportingSettings, str]:
    topic = make_topic(3)
    publish(servers.kafka_bootstrap, topic, EVENTS + EVENTS[:3])  # three delivered twice
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = _settings(dbs, servers, topic)
    consume_until(build_worker(settings, group_id=f"{topic}-live"), len(EVENTS) + 3)
    return settings, topic


def test_reports_from_the_read_models(live: tuple[ReportingSettings, str]) -> None:
    settings, _ = live
    router = ShardRouter.from_settings(settings)
    reads = report_reads(router)
    try:
        _beneficiaries_as_of_a_month(reads)
        _merged_unit_reports_under_its_old_code_before_the_merger(reads)
        _data_quality_campaign_per_unit(reads)
    finally:
        router.dispose()


def _beneficiaries_as_of_a_month(reads: SqlReportReads) -> None:
    aug = date(2025, 8, 1)
    country = reads.beneficiaries(unit_scope("country", "", aug), aug)
    assert country.total == 4
    assert country.changes == {"new": 2}  # the imported record is not new
    assert country.by_category == {"5.5a": 3, "5.1": 1}
    assert country.by_age_band == {"0-15": 1, "80+": 3}
    assert country.by_gender == {"female": 3, "male": 1}
    assert country.care_support_households == 1
    oct_ = reads.beneficiaries(unit_scope("country", "", date(2025, 10, 1)), date(2025, 10, 1))
    assert (oct_.total, oct_.changes) == (4, {"death": 1})  # paid for the month of death
    nov = date(2025, 11, 1)
    assert reads.beneficiaries(unit_scope("country", "", nov), nov).total == 3
    sep = date(2025, 9, 1)
    assert reads.beneficiaries(unit_scope("province", "01", sep), sep).changes == {"information": 1}


def _merged_unit_reports_under_its_old_code_before_the_merger(reads: SqlReportReads) -> None:
    june, july = date(2025, 6, 1), date(2025, 7, 1)
    assert reads.beneficiaries(unit_scope("commune", "00001", june), june).total == 1
    assert reads.beneficiaries(unit_scope("district", "001", june), june).total == 2
    assert reads.beneficiaries(unit_scope("commune", "00097", june), june).total == 0
    assert reads.beneficiaries(unit_scope("commune", "00097", july), july).total == 1
    assert reads.beneficiaries(unit_scope("commune", "00001", july), july).total == 0


def _data_quality_campaign_per_unit(reads: SqlReportReads) -> None:
    report = reads.quality(unit_scope("country", "", date.max), "province")
    (hanoi,) = report.units
    assert (hanoi.unit_code, hanoi.records) == ("01", 3)  # r-dies is no longer active
    assert (hanoi.present["personal_id"], hanoi.applicable["personal_id"]) == (2, 3)
    assert hanoi.share("ethnicity") == 1.0


def test_replaying_the_topic_rebuilds_identical_read_models(
    live: tuple[ReportingSettings, str],
    servers: Servers,
    make_database: Callable[[str], str],
) -> None:
    settings, topic = live
    rebuilt = _settings(
        migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1), servers, topic
    )
    consume_until(build_worker(rebuilt, group_id=f"{topic}-rebuild"), len(EVENTS) + 3)
    for table, key in (
        ("rm_beneficiary", "record_id"),
        ("rm_beneficiary_change", "event_id"),
        ("rm_unit_month_count", "unit_level, unit_code, month, dimension, key"),
        ("rm_unit_quality_count", "province_2025, commune_2025, field"),
    ):
        live_rows = dump(settings.global_db_url or "", table, key)
        assert live_rows, table
        assert dump(rebuilt.global_db_url or "", table, key) == live_rows
