"""Helpers of the provincial-sync tests: named topics, the portal simulator as a process, the
dossier worker and outbox relays in threads, and a valid submission."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from confluent_kafka.admin import AdminClient, NewTopic

from ansinh_common.messaging import (
    OutboxRelay,
    RetryPolicy,
    WorkerRunner,
    create_idempotent_producer,
)
from ansinh_common.private_servers import free_port
from dossier.bootstrap import build_worker
from dossier.config import DossierSettings
from dossier.domain.rules.provincial_sync import SyncModes, parse_sync_modes

from .dossier_cluster import APPLICANT_ID, lan_values

ROOT = Path(__file__).resolve().parents[4]
SIMULATOR = ROOT / "infra/simulators/provincial_portal/server.py"
# 01 Hà Nội (shard s1) two-way, 04 Cao Bằng (s2) one-way, 08 Tuyên Quang (s3) none
MODES: SyncModes = parse_sync_modes(
    {"default_mode": "none", "provinces": {"01": "two_way", "04": "one_way", "08": "none"}}
)
COMMUNE_01 = "00004"  # Phường Ba Đình
FAST_RETRY = RetryPolicy(max_attempts=2, initial_backoff_s=0.1, max_backoff_s=0.5)


def create_topics(bootstrap: str, names: list[str], partitions: int = 3) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap, "log_level": 3})
    futures = admin.create_topics(
        [NewTopic(n, num_partitions=partitions, replication_factor=1) for n in names]
    )
    for future in futures.values():
        future.result(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        topics = admin.list_topics(timeout=5).topics
        if all(n in topics and all(p.leader >= 0 for p in topics[n].partitions.values())
               for n in names):  # fmt: skip
            return
        time.sleep(0.2)
    raise TimeoutError(f"topics {names} have no leaders")


def sync_topics(
    settings: DossierSettings, provinces: tuple[str, ...] = ("01", "04", "08")
) -> list[str]:
    p = settings.provincial_topic_prefix
    names = [settings.dossier_topic, settings.registry_topic]
    for code in provinces:
        names += [f"{p}.{code}.inbound.v1", f"{p}.{code}.inbound.v1.dlq", f"{p}.{code}.outbound.v1"]
    return names


class Simulator:
    """The provincial-portal simulator as its own process (``server.py``) on a free port."""

    def __init__(self, kafka: str, prefix: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._proc = subprocess.Popen(
            [sys.executable, str(SIMULATOR), "--port", str(self.port), "--kafka", kafka,
             "--topic-prefix", prefix, "--from-beginning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("/health")
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise TimeoutError("the provincial-portal simulator did not start")

    def get(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return dict(json.loads(response.read()))

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=60) as response:
            return dict(json.loads(response.read()))

    def statuses(self, **query: str) -> dict[str, Any]:
        return self.get("/v1/statuses?" + "&".join(f"{k}={v}" for k, v in query.items()))

    def close(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def submission(provincial_code: str, province: str = "01", commune: str = COMMUNE_01,
               **extra: Any) -> dict[str, Any]:  # fmt: skip
    """A valid monthly-allowance dossier (form 1b, elderly) as a province sends it."""
    values = lan_values(commune)
    body: dict[str, Any] = {
        "province_code": province,
        "provincial_code": provincial_code,
        "procedure_code": "1.001776",
        "procedure_id": "tro-cap-xa-hoi-hang-thang",
        "purpose": "grant_allowance",
        "form": "1b",
        "commune_code": commune,
        "channel": 1,
        "applicant": {"personal_id": APPLICANT_ID, "full_name": values["full_name"],
                      "birth_date": values["birth_date"], "gender": values["gender"]},
        "values": values,
    }  # fmt: skip
    body.update(extra)
    return body


@contextmanager
def running_pipeline(
    settings: DossierSettings, *, modes: SyncModes = MODES
) -> Iterator[WorkerRunner]:
    """The dossier worker (its ``run`` loop) and one outbox relay per shard, in threads."""
    runner = build_worker(settings, modes=modes, retry=FAST_RETRY)
    stop = threading.Event()
    threads = [threading.Thread(target=runner.run, name="dossier-worker")]
    relays: list[OutboxRelay] = []
    engines = []
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    for url in settings.shards.values():
        engine = sa.create_engine(url, poolclass=NullPool)
        engines.append(engine)
        relay = OutboxRelay(engine, lambda: create_idempotent_producer(settings.kafka_bootstrap),
                            delivery_timeout_s=5.0)  # fmt: skip
        relays.append(relay)
        threads.append(threading.Thread(target=relay.run, args=(stop, 0.2), name="relay"))
    for thread in threads:
        thread.start()
    try:
        yield runner
    finally:
        runner.stop()
        stop.set()
        for thread in threads:
            thread.join(60)
        for engine in engines:
            engine.dispose()


def wait_for(check: Callable[[], Any], timeout_s: float = 60.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what or check}")
