"""Two-way sync with the provincial one-stop systems on the real Kafka and PostgreSQL, with the
portal simulator as its own process (ADR 0018): the same inbound message delivered three times
creates one dossier; malformed messages land in the dead-letter topic and do not block the
partition; the simulator sees the statuses of a two-way province and none of a one-way one."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from confluent_kafka import Consumer, TopicPartition
from sqlalchemy.pool import NullPool

from ansinh_common.testing import Servers, delete_topic
from dossier.adapters import provincial_messages as wire
from dossier.bootstrap import bootstrap
from dossier.config import DossierSettings
from dossier.domain.commands import ReceiveDossier
from dossier.service_layer.handlers.workflow import act

from .dossier_cluster import person, settings_for
from .provincial_sync_support import (
    COMMUNE_01,
    Simulator,
    create_topics,
    running_pipeline,
    submission,
    sync_topics,
    wait_for,
)

pytestmark = pytest.mark.integration
COMMUNE_04 = "01273"  # Phường Thục Phán, Cao Bằng (one-way in these tests)
COMMUNE_08 = "00691"  # Phường Hà Giang 2, Tuyên Quang (none)


@pytest.fixture
def sync(servers: Servers, make_database: Callable[[str], str]) -> Iterator[DossierSettings]:
    run = uuid.uuid4().hex[:10]
    settings = settings_for(
        make_database,
        provincial_topic_prefix=f"test.prov{run}",
        dossier_topic=f"test.dossier{run}.v1",
        provincial_consumer_group=f"test-prov-{run}",
        consumer_group=f"test-dossier-{run}",
        registry_topic=f"test.registry{run}.v1",
        kafka_bootstrap=servers.kafka_bootstrap,
    )
    names = sync_topics(settings)
    create_topics(servers.kafka_bootstrap, names)
    yield settings
    for name in names:
        delete_topic(servers.kafka_bootstrap, name)


def dossiers_with(settings: DossierSettings, provincial_code: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for url in settings.shards.values():
        engine = sa.create_engine(url, poolclass=NullPool)
        with engine.connect() as conn:
            found += [
                (str(r.id), str(r.stage))
                for r in conn.execute(
                    sa.text("SELECT id, stage FROM dossiers WHERE provincial_code = :c"),
                    {"c": provincial_code},
                )
            ]
        engine.dispose()
    return found


def dead_letters(bootstrap: str, topic: str, expected: int) -> list[dict[str, str]]:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"dlq-{uuid.uuid4().hex}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})  # fmt: skip
    consumer.assign([TopicPartition(topic, p, 0) for p in range(3)])
    found: list[dict[str, str]] = []
    try:
        wait_for(lambda: _poll_into(consumer, found) >= expected, 30, f"{expected} dead letters")
        _poll_into(consumer, found)  # and nothing more
    finally:
        consumer.close()
    return found


def _poll_into(consumer: Consumer, found: list[dict[str, str]]) -> int:
    while (message := consumer.poll(0.5)) is not None:
        if message.error() is None:
            found.append({k: (v or b"").decode() for k, v in message.headers() or []})
    return len(found)


def test_three_deliveries_make_one_dossier_and_only_two_way_provinces_get_statuses(
    sync: DossierSettings,
) -> None:
    sim = Simulator(sync.kafka_bootstrap, sync.provincial_topic_prefix)
    try:
        with running_pipeline(sync) as runner:
            sim.post("/v1/dossiers", submission("HN-2026-0001", deliveries=3))
            sim.post("/v1/dossiers", submission("CB-2026-0001", "04", COMMUNE_04))
            sim.post("/v1/dossiers", submission("TQ-2026-0001", "08", COMMUNE_08))

            (hanoi,) = wait_for(lambda: dossiers_with(sync, "HN-2026-0001"), what="the dossier")
            wait_for(lambda: dossiers_with(sync, "CB-2026-0001"), what="the one-way dossier")
            group = f"{sync.provincial_consumer_group}-inbound-s1"
            wait_for(lambda: runner.stats()[group].duplicates == 2, what="three deliveries")
            assert runner.stats()[group].processed == 1
            assert dossiers_with(sync, "HN-2026-0001") == [hanoi]
            assert hanoi[1] == "submitted"

            seen = wait_for(lambda: sim.statuses(province="01")["statuses"], what="status 1")
            assert [(s["status_code"], s["status_label"]) for s in seen] == [(1, "Mới đăng ký")]
            assert seen[0]["provincial_code"] == "HN-2026-0001"
            assert seen[0]["dossier_id"] == hanoi[0]

            service = bootstrap(sync, clock=lambda: dt.datetime.now(dt.UTC))
            officer = person("xa-badinh", "commune_officer", unit=COMMUNE_01)
            act(ReceiveDossier(dossier_id=hanoi[0]), officer, service.deps)
            service.close()
            seen = wait_for(
                lambda: len(s := sim.statuses(province="01")["statuses"]) == 2 and s,
                what="the receipt's status",
            )
            received = seen[1]
            assert (received["status_code"], received["status_label"]) == (2, "Được tiếp nhận")
            assert (received["action"], received["actor_unit"]) == ("receive", COMMUNE_01)
            assert received["actor_subject"] == "xa-badinh" and received["acted_at"]
            assert received["due_on"]  # the appraisal's due date

            # the one-way province's submission went through the outbound consumer, unpublished
            outbound_s2 = f"{sync.provincial_consumer_group}-outbound-s2"
            wait_for(lambda: runner.stats()[outbound_s2].processed >= 1, what="one-way event")
            # the province with mode "none" is not read at all
            assert dossiers_with(sync, "TQ-2026-0001") == []
            assert f"{sync.provincial_consumer_group}-inbound-s3" not in runner.stats()
        report = sim.statuses()
        assert {s["province_code"] for s in report["statuses"]} == {"01"}
        assert report["rejected"] == []
    finally:
        sim.close()


def test_malformed_messages_go_to_the_dead_letter_topic_and_the_partition_moves_on(
    sync: DossierSettings,
) -> None:
    sim = Simulator(sync.kafka_bootstrap, sync.provincial_topic_prefix)
    key = "HN-2026-0002"  # every record on the same key: the same partition
    good_headers = {"ce_specversion": "1.0", "ce_id": str(uuid.uuid4()), "ce_source": "sim",
                    "ce_type": wire.INBOUND_TYPE, "ce_time": "2026-11-27T01:00:00Z",
                    "ce_subject": key, "ce_province": "01",
                    "content-type": "application/protobuf"}  # fmt: skip
    try:
        with running_pipeline(sync) as runner:
            garbage = base64.b64encode(b"\xff\x00not protobuf").decode()
            sim.post("/v1/_raw", {"province_code": "01", "key": key, "value_base64": garbage,
                                  "headers": good_headers})  # fmt: skip
            sim.post("/v1/_raw", {"province_code": "01", "key": key, "value_base64": garbage})
            bad = submission(key, commune_code="01273", channel=9)
            bad["applicant"]["personal_id"] = "123"
            sim.post("/v1/dossiers", bad)
            sim.post("/v1/dossiers", submission(key))

            wait_for(lambda: dossiers_with(sync, key), what="the good dossier after the bad ones")
            letters = dead_letters(
                sync.kafka_bootstrap, f"{sync.provincial_topic_prefix}.01.inbound.v1.dlq", 3
            )
            group = f"{sync.provincial_consumer_group}-inbound-s1"
            assert runner.stats()[group].dead_lettered == 3
            assert runner.stats()[group].retries == 0  # a bad message is not retried
        reasons = [letter["ansinh_dlq_error"] for letter in letters]
        assert len(reasons) == 3
        assert "protobuf" in reasons[0]
        assert "InvalidEnvelopeError" in reasons[1] and "ce_specversion" in reasons[1]
        for field in ("commune_code", "channel", "applicant.personal_id"):
            assert field in reasons[2]
        assert all(letter["ansinh_dlq_consumer"] == group for letter in letters)
        assert len(dossiers_with(sync, key)) == 1
    finally:
        sim.close()
