"""The provincial-sync gap read model (ADR 0042) from real Kafka into a real reporting
database: the provinces' inbound and outbound topics and the dossier events, duplicates and the
topics' order included; the gap as of a month; a rebuild from the start equals the live copy."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from confluent_kafka.admin import AdminClient, NewTopic
from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.dossier.v1 import events_pb2, provincial_pb2
from ansinh_common.catalogs.provincial_sync import SyncModes, parse_sync_modes
from ansinh_common.db import ShardRouter
from ansinh_common.messaging import Envelope
from ansinh_common.runtime.testing import MigratedDatabases, migrate_fresh_databases
from ansinh_common.testing import Servers, delete_topic
from reporting.adapters.provincial_gap_read_model import SqlProvincialGapReads
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings
from reporting.domain.provincial_gap import gap_scope
from reporting.testing import consume_until, dump, publish

pytestmark = pytest.mark.integration
INI = Path(__file__).parents[2] / "alembic.ini"
MODES = parse_sync_modes({"default_mode": "none", "provinces": {"01": "two_way", "04": "one_way"}})
DEC, JAN = date(2025, 12, 1), date(2026, 1, 1)


def _ts(at: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(at)
    return ts


def _at(day: date, hour: int = 3) -> datetime:  # 03:00 UTC = 10:00 in Vietnam
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def submitted(code: str, day: date, procedure: str = "1.001776") -> Envelope:
    m = provincial_pb2.ProvincialDossierSubmitted(
        provincial_code=code, province_code="01", procedure_code=procedure,
        commune_code="00004", channel=2, submitted_at=_ts(_at(day)),
    )  # fmt: skip
    return Envelope(source="/province/01", type="ansinh.dossier.v1.ProvincialDossierSubmitted",
                    subject=code, province="01", data=m.SerializeToString())  # fmt: skip


def dossier(dossier_id: str, day: date, *, provincial: str | None = None, province: str = "01",
            procedure: str = "1.001776", previous: str = "") -> Envelope:  # fmt: skip
    m = events_pb2.DossierStatusChanged(
        dossier_id=dossier_id, dossier_code=f"000.00.01.H26-{dossier_id}",
        procedure_code=procedure, province_code=province, unit_code="00004",
        state="in_review" if previous else "submitted", previous_state=previous,
        action="receive" if previous else "submit", at=_ts(_at(day)), channel=2,
        version=2 if previous else 1,
    )  # fmt: skip
    if provincial is not None:
        m.provincial_code = provincial
    return Envelope(source="/ansinh/dossier", type="ansinh.dossier.v1.DossierStatusChanged",
                    subject=dossier_id, province=province, data=m.SerializeToString())  # fmt: skip


def told(dossier_id: str, day: date, *, provincial: str = "") -> Envelope:
    m = provincial_pb2.ProvincialStatusUpdate(
        provincial_code=provincial, dossier_code=f"000.00.01.H26-{dossier_id}",
        dossier_id=dossier_id, province_code="01", procedure_code="1.001776", status_code=2,
        state="in_review", action="receive", acted_at=_ts(_at(day)),
    )  # fmt: skip
    return Envelope(source="/ansinh/dossier/provincial-sync",
                    type="ansinh.dossier.v1.ProvincialStatusUpdate", subject=dossier_id,
                    province="01", data=m.SerializeToString())  # fmt: skip


INBOUND = [submitted("HN-1", date(2025, 12, 3)), submitted("HN-2", date(2025, 12, 5)),
           submitted("HN-3", date(2026, 1, 5), procedure="2.000286")]  # fmt: skip
DOSSIERS = [
    dossier("d-hn1", date(2025, 12, 3), provincial="HN-1"),  # the province's HN-1, here
    dossier("d-hn1", date(2025, 12, 4), provincial="HN-1", previous="submitted"),
    dossier("d-here", date(2025, 12, 4)),  # never told to the province
    dossier("d-told", date(2025, 12, 6)),
    dossier("d-late", date(2025, 12, 20)),  # told only in January
    dossier("d-cb", date(2025, 12, 7), province="04"),  # a one-way province: not reported
]
OUTBOUND = [told("d-told", date(2025, 12, 6)), told("d-late", date(2026, 1, 2)),
            told("d-hn1", date(2025, 12, 4), provincial="HN-1")]  # fmt: skip


def _create(bootstrap: str, names: list[str]) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap, "log_level": 3})
    for future in admin.create_topics([NewTopic(n, 3, 1) for n in names]).values():
        future.result(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = admin.list_topics(timeout=5).topics
        if all(n in found and all(p.leader >= 0 for p in found[n].partitions.values())
               for n in names):  # fmt: skip
            return
        time.sleep(0.2)
    raise TimeoutError(f"topics {names} have no leaders")


@pytest.fixture
def topics(servers: Servers) -> Iterator[tuple[str, str]]:
    run = uuid.uuid4().hex[:10]
    prefix, dossiers = f"test.gap{run}", f"test.gapdossier{run}.v1"
    names = [dossiers, f"{prefix}.01.inbound.v1", f"{prefix}.01.outbound.v1"]
    _create(servers.kafka_bootstrap, names)
    yield prefix, dossiers
    for name in names:
        delete_topic(servers.kafka_bootstrap, name)


def _settings(dbs: MigratedDatabases, servers: Servers, prefix: str, dossiers: str
              ) -> ReportingSettings:  # fmt: skip
    return ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))}, kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=f"{dossiers}.none", dossier_topic=dossiers,
        provincial_topic_prefix=prefix,
    )  # fmt: skip


def _run(settings: ReportingSettings, modes: SyncModes, group: str) -> None:
    seen = len(INBOUND) + len(DOSSIERS) + len(OUTBOUND) + 2
    consume_until(build_worker(settings, group_id=group, modes=modes), seen)


@pytest.fixture
def live(
    servers: Servers, make_database: Callable[[str], str], topics: tuple[str, str]
) -> ReportingSettings:
    prefix, dossiers = topics
    bootstrap = servers.kafka_bootstrap
    # the outbound updates first: the topics are read in no particular order
    publish(bootstrap, f"{prefix}.01.outbound.v1", OUTBOUND)
    publish(bootstrap, f"{prefix}.01.inbound.v1", INBOUND + INBOUND[:1])  # HN-1 delivered twice
    publish(bootstrap, dossiers, DOSSIERS + DOSSIERS[2:3])  # d-here's event delivered twice
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = _settings(dbs, servers, prefix, dossiers)
    _run(settings, MODES, f"{prefix}-live")
    return settings


def test_the_gap_of_a_two_way_province_as_of_a_month(live: ReportingSettings) -> None:
    reads = SqlProvincialGapReads(ShardRouter.from_settings(live).global_session)
    dec = reads.gap(gap_scope("province", "01", DEC, MODES, page=0, page_size=0))
    assert [d.provincial_code for d in dec.provincial_only] == ["HN-2"]
    assert dec.provincial_only[0].submitted_on == date(2025, 12, 5)
    assert [d.dossier_id for d in dec.platform_only] == ["d-here", "d-late"]
    assert dec.platform_only[0].dossier_code == "000.00.01.H26-d-here"
    assert (dec.in_province_not_here, dec.here_not_in_province) == (1, 2)

    jan = reads.gap(gap_scope("province", "01", JAN, MODES, page=0, page_size=0))
    assert [d.provincial_code for d in jan.provincial_only] == ["HN-2", "HN-3"]
    assert [d.dossier_id for d in jan.platform_only] == ["d-here"]  # d-late told on 2 January
    assert [(c.key, c.in_province_not_here, c.here_not_in_province)
            for c in jan.by_procedure] == [("1.001776", 1, 1), ("2.000286", 1, 0)]  # fmt: skip

    page2 = reads.gap(gap_scope("province", "01", DEC, MODES, page=2, page_size=1))
    assert [d.dossier_id for d in page2.platform_only] == ["d-late"]
    assert page2.provincial_only == ()  # one dossier in that list: no second page
    assert page2.here_not_in_province == 2  # the counts are not paged

    country = reads.gap(gap_scope("country", "VN", DEC, MODES, page=0, page_size=0))
    assert country.scope.provinces == ("01",)  # 04 is one-way: not reported
    assert [(c.key, c.in_province_not_here, c.here_not_in_province)
            for c in country.by_province] == [("01", 1, 2)]  # fmt: skip
    nov = reads.gap(gap_scope("country", "VN", date(2025, 11, 1), MODES, page=0, page_size=0))
    assert (nov.in_province_not_here, nov.here_not_in_province) == (0, 0)


def test_replaying_the_topics_rebuilds_the_gap_identically(
    live: ReportingSettings,
    servers: Servers,
    make_database: Callable[[str], str],
    topics: tuple[str, str],
) -> None:
    prefix, dossiers = topics
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    rebuilt = _settings(dbs, servers, prefix, dossiers)
    _run(rebuilt, MODES, f"{prefix}-rebuild")
    for table, key in (("rm_provincial_submission", "provincial_code"),
                       ("rm_sync_dossier", "dossier_id")):  # fmt: skip
        live_rows = dump(live.global_db_url or "", table, key)
        assert live_rows, table
        assert dump(rebuilt.global_db_url or "", table, key) == live_rows
