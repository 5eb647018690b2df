"""Data quality over time (ADR 0029): monthly snapshots of the campaign taken from the read
models in a real reporting database, then the progress of a province's communes, ranked per
month."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied, CatalogUnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.errors import InvalidInput
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from reporting.adapters.quality_snapshots import SqlQualitySnapshots
from reporting.bootstrap import build_worker, report_reads
from reporting.config import ReportingSettings
from reporting.service_layer.handlers.quality_snapshots import take_snapshots
from reporting.service_layer.report_queries import quality_progress
from reporting.testing import consume_until, information_changed, publish, registered

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
AUG, SEP = date(2025, 8, 1), date(2025, 9, 1)
PROVINCE = Principal("q1", "q.tinh", frozenset({"province_officer"}), "01")
POVERTY = Principal("q2", "q.pv", frozenset({"province_officer", "domain_poverty"}), "01")
MINISTRY = Principal(
    "q3", "q.bo", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)
MISSING = ["personal_id_missing", "ethnicity_missing"]
BEFORE = [
    registered("q-a", AUG, findings=MISSING),  # Ba Đình
    registered("q-b", AUG, commune_code="00070"),  # Hoàn Kiếm, complete
]
FIXED = [information_changed("q-a", SEP, version=2, findings=[])]


def test_progress_of_the_campaign_month_after_month(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> None:
    topic = make_topic(1)
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))}, kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=topic,
    )  # fmt: skip
    router = ShardRouter.from_settings(settings)
    reads, store = report_reads(router), SqlQualitySnapshots(router.global_session)
    try:
        publish(servers.kafka_bootstrap, topic, BEFORE)
        consume_until(build_worker(settings, group_id=f"{topic}-1"), len(BEFORE))
        take_snapshots(reads, store, AUG, ["01"])
        take_snapshots(reads, store, AUG, ["01"])  # a second run of the month replaces it
        publish(servers.kafka_bootstrap, topic, FIXED)
        consume_until(build_worker(settings, group_id=f"{topic}-1"), len(FIXED))
        take_snapshots(reads, store, SEP, ["01"])

        units = CatalogUnitTree()
        found = quality_progress(store, PROVINCE, units, level="province", unit_code="01",
                                 since=AUG)  # fmt: skip
        assert [m.month for m in found.months] == [AUG, SEP]
        assert [u.unit_code for u in found.months[0].units] == ["00070", "00004"]
        assert found.scores("00004") == pytest.approx([5 / 7, 1.0])
        assert found.scores("00070") == [1.0, 1.0]
        assert found.months[0].units[1].present["personal_id"] == 0
        later = quality_progress(store, PROVINCE, units, level="province", unit_code="01",
                                 since=SEP)  # fmt: skip
        assert [m.month for m in later.months] == [SEP]
        country = quality_progress(store, MINISTRY, units, level="country", unit_code="",
                                   since=AUG)  # fmt: skip
        assert [[u.unit_code for u in m.units] for m in country.months] == [["01"], ["01"]]

        with pytest.raises(AccessDenied):
            quality_progress(store, POVERTY, units, level="province", unit_code="01", since=AUG)
        with pytest.raises(InvalidInput):
            quality_progress(store, PROVINCE, units, level="commune", unit_code="00004",
                             since=AUG)  # fmt: skip
    finally:
        router.dispose()
