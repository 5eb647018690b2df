"""Kafka outage (ADR 0018), on a PRIVATE broker: a status change made while Kafka is stopped
is delivered to the province once Kafka is back, exactly once in effect.

The officer's action commits with its DossierStatusChanged in the shard's outbox while the
broker is down; after the restart the relay publishes it, the worker maps it (inbox + outbox
in one transaction) and the relay publishes the provincial status. The portal simulator, a
separate process, ends with exactly the two statuses of the dossier, each with its own id.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.private_servers import PrivateKafka
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
OUTAGE_S = 5.0
RECOVERY_S = 180.0  # a failure bound (the broker restarts on a loaded CI machine), not a claim


def unsent(settings: DossierSettings) -> int:
    engine = sa.create_engine(settings.shards["s1"], poolclass=NullPool)
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")).scalar()
    engine.dispose()
    return int(n or 0)


def test_a_status_change_made_while_kafka_is_down_reaches_the_province_once(
    make_database: Callable[[str], str],
) -> None:
    run = uuid.uuid4().hex[:10]
    with PrivateKafka() as kafka:
        settings = settings_for(
            make_database,
            kafka_bootstrap=kafka.bootstrap,
            provincial_topic_prefix=f"test.prov{run}",
            dossier_topic=f"test.dossier{run}.v1",
            provincial_consumer_group=f"test-prov-{run}",
            consumer_group=f"test-dossier-{run}",
            registry_topic=f"test.registry{run}.v1",
        )
        create_topics(kafka.bootstrap, sync_topics(settings, ("01",)), partitions=1)
        sim = Simulator(kafka.bootstrap, settings.provincial_topic_prefix)
        try:
            with running_pipeline(settings):
                sim.post("/v1/dossiers", submission("HN-2026-0003"))
                first = wait_for(lambda: sim.statuses(dossier="HN-2026-0003")["statuses"],
                                 what="the submission's status")  # fmt: skip
                dossier_id = first[0]["dossier_id"]

                kafka.stop()
                service = bootstrap(settings)
                officer = person("xa-badinh", "commune_officer", unit=COMMUNE_01)
                act(ReceiveDossier(dossier_id=dossier_id), officer, service.deps)  # no Kafka
                service.close()
                assert unsent(settings) == 1  # waits in the outbox
                time.sleep(OUTAGE_S)  # the relay keeps failing meanwhile
                assert unsent(settings) == 1
                kafka.start()

                seen = wait_for(
                    lambda: len(s := sim.statuses(dossier=dossier_id)["statuses"]) >= 2 and s,
                    RECOVERY_S,
                    "the status made during the outage",
                )
                wait_for(lambda: unsent(settings) == 0, 30, "the outbox drained")
                time.sleep(2.0)  # a duplicate, if any, would arrive now
                seen = sim.statuses(dossier=dossier_id)["statuses"]
        finally:
            sim.close()
    assert [(s["status_code"], s["action"]) for s in seen] == [(1, "submit"), (2, "receive")]
    assert len({s["event_id"] for s in seen}) == 2
