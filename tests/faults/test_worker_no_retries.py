"""No retries by design: the registry worker applies 10,000 events of a clean run with its
retry counter at 0 (issue 10: every event used to fail once, then be skipped as applied).

Registrations are imported (the registry's Excel import) and their events relayed to a fresh
topic; the worker (``build_worker``: one shared inbox consumer per shard, each seeing every
event) applies them. The counters of the shared runner must show every event applied once,
no retry, no duplicate, no dead letter; each shard's inbox holds every event once. The
throughput figure is printed by ``bench/registry_worker/run.py``.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

import pytest

from ansinh_common.db import ShardRouter
from ansinh_common.runtime import default_province_shards
from ansinh_common.testing import Servers
from registry.bootstrap import build_worker
from registry.config import RegistrySettings
from registry.testing import load_registrations

from .support import count, registry_databases

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1200)]

EVENTS = 10_000
ROWS = 1_667  # two events per registration, seen by each of the three shard consumers


def test_the_worker_never_retries_over_a_clean_run_of_10000_events(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> None:
    dbs = registry_databases(make_database)
    topic = make_topic(3)
    settings = RegistrySettings(
        shards=dbs.shards, province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url, beneficiary_topic=topic,
        kafka_bootstrap=servers.kafka_bootstrap,
        consumer_group=f"no-retries-{uuid.uuid4().hex[:8]}", metrics_port=None,
    )  # fmt: skip
    router = ShardRouter.from_settings(settings)
    runner = build_worker(settings, router=router)
    published = load_registrations(router, topic, ROWS, servers.kafka_bootstrap)
    expected = published * len(dbs.shards)
    assert expected >= EVENTS
    thread = threading.Thread(target=runner.run)
    thread.start()
    started = time.monotonic()
    try:
        while runner.total("processed") < expected and time.monotonic() - started < 1100:
            assert thread.is_alive()
            time.sleep(0.5)
    finally:
        runner.stop()
        thread.join(60)
        router.dispose()
    took = time.monotonic() - started
    print(f"\n{runner.total('processed')} events applied in {took:.0f} s; "
          f"retries {runner.total('retries')}")  # fmt: skip
    assert runner.total("processed") == expected
    assert runner.total("retries") == 0
    assert runner.total("duplicates") == 0
    assert runner.total("dead_lettered") == 0
    for url in dbs.shards.values():
        assert count(url, "SELECT count(DISTINCT event_id) FROM inbox") == published
    assert count(dbs.global_url, "SELECT count(*) FROM active_index WHERE NOT confirmed") == 0
