"""The provincial-sync gap (ADR 0042) end to end: the provincial-portal simulator (its own
process) sends Hà Nội's dossiers (two-way) on the inbound topic; the dossier worker and its
outbox relay (threads, real PostgreSQL shards) take the valid one — its status goes back on the
outbound topic — and refuse the other to the dead-letter topic; the reporting worker reads the
inbound, outbound and dossier topics into its read model; the report comes through the real
gateway app with real Keycloak tokens.

* the dossier refused here is "in the province, not here", by its provincial code;
* a Hà Nội dossier whose submission event the outbound consumer never handled (the dossier
  worker is down when it is published) is "here, not in the province";
* Cao Bằng (one-way) is not reported: not in the country's figures, 409 when asked for;
* a province officer reads their province only; the ministry the country.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from google.protobuf.timestamp_pb2 import Timestamp
from openpyxl import load_workbook
from sqlalchemy.pool import NullPool

from ansinh.dossier.v1 import events_pb2
from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.provincial_sync import parse_sync_modes
from ansinh_common.messaging import (
    Envelope,
    OutboxRelay,
    RetryPolicy,
    create_idempotent_producer,
)
from ansinh_common.private_servers import free_port
from ansinh_common.runtime import default_province_shards, start_service
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers, delete_topic
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.bootstrap import build_worker as dossier_worker
from dossier.config import DossierSettings
from gateway.testing import gateway_client
from reporting.adapters.excel_forms import today_in_vietnam
from reporting.bootstrap import bootstrap as reporting_service
from reporting.bootstrap import build_worker as reporting_worker
from reporting.config import ReportingSettings
from reporting.testing import publish

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).parents[2]
SIMULATOR = ROOT / "infra/simulators/provincial_portal/server.py"
DOSSIER_INI = ROOT / "services/dossier/alembic.ini"
REPORTING_INI = ROOT / "services/reporting/alembic.ini"
API = "/api/v1/reports/provincial-sync-gap"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# as shipped (ansinh_common.catalogs.provincial_sync): 01 Hà Nội two-way, 04 Cao Bằng one-way
MODES = parse_sync_modes({"default_mode": "none", "provinces": {"01": "two_way", "04": "one_way"}})
FAST_RETRY = RetryPolicy(max_attempts=2, initial_backoff_s=0.1, max_backoff_s=0.5)
HANOI = Principal("e2e-gap-hn", "e2e.gap.hn",
                  frozenset({"province_officer", "domain_social_assistance"}), "01")  # fmt: skip
HCMC = Principal("e2e-gap-hcm", "e2e.gap.hcm",
                 frozenset({"province_officer", "domain_social_assistance"}), "79")  # fmt: skip
MINISTRY = Principal("e2e-gap-bo", "e2e.gap.bo",
                     frozenset({"ministry_officer", "domain_social_assistance"}), "VN")  # fmt: skip


def _wait(check: Callable[[], Any], what: str, timeout_s: float = 90.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def _create_topics(bootstrap: str, names: list[str]) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap, "log_level": 3})
    for future in admin.create_topics([NewTopic(n, 3, 1) for n in names]).values():
        future.result(timeout=30)
    _wait(lambda: all(n in (t := admin.list_topics(timeout=5).topics)
                      and all(p.leader >= 0 for p in t[n].partitions.values())
                      for n in names), "topic leaders", 30)  # fmt: skip


class Portal:
    """The provincial-portal simulator as its own process."""

    def __init__(self, kafka: str, prefix: str) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        self._proc = subprocess.Popen(
            [sys.executable, str(SIMULATOR), "--port", port, "--kafka", kafka,
             "--topic-prefix", prefix, "--from-beginning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait(lambda: self._ok("/health"), "the simulator", 30)

    def _ok(self, path: str) -> bool:
        try:
            self.get(path)
            return True
        except OSError:
            return False

    def get(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return dict(json.loads(response.read()))

    def submit(self, body: dict[str, Any]) -> None:
        request = urllib.request.Request(self.url + "/v1/dossiers", data=json.dumps(body).encode(),
                                         method="POST",
                                         headers={"Content-Type": "application/json"})  # fmt: skip
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 202

    def close(self) -> None:
        self._proc.terminate()
        self._proc.wait(10)


def _dead_lettered(bootstrap: str, topic: str) -> list[str]:
    """The keys (provincial codes) of the records on a dead-letter topic."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"dlq-{uuid.uuid4().hex}",
                         "enable.auto.commit": False})  # fmt: skip
    consumer.assign([TopicPartition(topic, p, 0) for p in range(3)])
    keys: list[str] = []
    try:
        while (message := consumer.poll(2.0)) is not None:
            if message.error() is None:
                keys.append((message.key() or b"").decode())
    finally:
        consumer.close()
    return keys


def _submission(code: str, commune: str) -> dict[str, Any]:
    body = json.loads((SIMULATOR.parent / "example.json").read_text(encoding="utf-8"))
    body["provincial_code"], body["commune_code"] = code, commune
    body["values"]["commune_code"] = commune
    return dict(body)


def _dossier_pipeline(settings: DossierSettings) -> Callable[[], None]:
    """The dossier worker and one outbox relay per shard, in threads; returns ``stop``."""
    runner = dossier_worker(settings, modes=MODES, retry=FAST_RETRY)
    stop = threading.Event()
    engines = [sa.create_engine(url, poolclass=NullPool) for url in settings.shards.values()]
    threads = [threading.Thread(target=runner.run)] + [
        threading.Thread(target=OutboxRelay(engine, lambda: create_idempotent_producer(
            settings.kafka_bootstrap), delivery_timeout_s=5.0).run, args=(stop, 0.2))
        for engine in engines
    ]  # fmt: skip
    for thread in threads:
        thread.start()

    def stop_all() -> None:
        runner.stop()
        stop.set()
        for thread in threads:
            thread.join(60)
        for engine in engines:
            engine.dispose()

    return stop_all


def _submitted_here(dossier_id: str, province: str) -> Envelope:
    """A dossier's submission event as the dossier service publishes it (no provincial code)."""
    at = Timestamp()
    at.FromDatetime(datetime.now(UTC))
    m = events_pb2.DossierStatusChanged(
        dossier_id=dossier_id, dossier_code=f"000.00.04.H26-{dossier_id[:8]}",
        procedure_code="1.001776", province_code=province, unit_code="00004",
        state="submitted", action="submit", at=at, channel=2, version=1,
    )  # fmt: skip
    return Envelope(source="/ansinh/dossier", type="ansinh.dossier.v1.DossierStatusChanged",
                    subject=dossier_id, province=province, data=m.SerializeToString())  # fmt: skip


@pytest.fixture
def gap(servers: Servers, make_database: Callable[[str], str]) -> Iterator[tuple[Any, str, Portal]]:
    run = uuid.uuid4().hex[:10]
    prefix, dossiers, registry = f"test.gap{run}", f"test.gapd{run}.v1", f"test.gapr{run}.v1"
    ways = ("inbound.v1", "inbound.v1.dlq", "outbound.v1")
    names = [dossiers, registry] + [f"{prefix}.{p}.{t}" for p in ("01", "04") for t in ways]
    bootstrap = servers.kafka_bootstrap
    _create_topics(bootstrap, names)
    dbs = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
    dossier = DossierSettings(
        shards=dbs.shards, province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url, population_db_url=None, poverty_target=None,
        kafka_bootstrap=bootstrap, provincial_topic_prefix=prefix, dossier_topic=dossiers,
        registry_topic=registry, provincial_consumer_group=f"test-gap-prov-{run}",
        consumer_group=f"test-gap-dossier-{run}",
    )  # fmt: skip
    rdbs = migrate_fresh_databases(make_database, ReportingSettings, REPORTING_INI, shards=1)
    reporting = ReportingSettings(
        shards=rdbs.shards, global_db_url=rdbs.global_url,
        province_shards={"01": next(iter(rdbs.shards))}, kafka_bootstrap=bootstrap,
        registry_topic=registry, dossier_topic=dossiers, provincial_topic_prefix=prefix,
        grpc_port=0, metrics_port=None,
    )  # fmt: skip
    portal = Portal(bootstrap, prefix)
    worker = reporting_worker(reporting, group_id=f"test-gap-reporting-{run}")
    worker_thread = threading.Thread(target=worker.run)
    worker_thread.start()
    service = reporting_service(reporting)
    running = start_service(reporting, service.servicers, service_names=service.service_names)
    try:
        backends = {"reporting": f"127.0.0.1:{running.grpc_port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as client:
            stop_dossier = _dossier_pipeline(dossier)
            try:
                portal.submit(_submission(f"HN-{run}-OK", "00004"))  # Phường Ba Đình
                portal.submit(_submission(f"HN-{run}-BAD", "00691"))  # not in Hà Nội: refused
                _wait(lambda: portal.get("/v1/statuses?province=01")["statuses"],
                      "the accepted dossier's status sent to the province")  # fmt: skip
                dlq = f"{prefix}.01.inbound.v1.dlq"
                _wait(lambda: _dead_lettered(bootstrap, dlq) == [f"HN-{run}-BAD"],
                      "the refused dossier on the dead-letter topic")  # fmt: skip
            finally:
                stop_dossier()
            # the outbound consumer is down: these submissions are never sent to the province
            publish(bootstrap, dossiers, [_submitted_here(f"{run}-here-0001", "01"),
                                          _submitted_here(f"{run}-cb-0001", "04")])  # fmt: skip
            yield client, run, portal
    finally:
        worker.stop()
        worker_thread.join(60)
        running.server.stop(0).wait()
        service.close()
        portal.close()
        for name in names:
            delete_topic(bootstrap, name)


def _bearer(signed_in: KeycloakTestUsers, who: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {signed_in(who).token}"}


def test_the_sync_gap_both_ways_for_the_two_way_provinces_only(
    gap: tuple[Any, str, Portal], signed_in: KeycloakTestUsers
) -> None:
    client, run, _ = gap
    month = f"{today_in_vietnam():%Y-%m}"
    hanoi = _bearer(signed_in, HANOI)
    url = f"{API}?level=province&unit_code=01&month={month}"

    def settled() -> Any:
        got = client.get(url, headers=hanoi)
        assert got.status_code == 200, got.text
        body = got.json()
        return body if int(body["here_not_in_province"]) == 1 else None

    body = _wait(settled, "the reporting worker to read the three topics")
    assert [d["provincial_code"] for d in body["in_province_not_here_dossiers"]] == [
        f"HN-{run}-BAD"
    ]
    assert int(body["in_province_not_here"]) == 1  # HN-…-OK is here, under its provincial code
    (here,) = body["here_not_in_province_dossiers"]
    assert (here["dossier_id"], here["province_code"]) == (f"{run}-here-0001", "01")
    assert [(c["key"], int(c["in_province_not_here"]), int(c["here_not_in_province"]))
            for c in body["by_procedure"]] == [("1.001776", 1, 1)]  # fmt: skip

    ministry = _bearer(signed_in, MINISTRY)
    country = client.get(f"{API}?level=country&month={month}", headers=ministry).json()
    assert "04" not in country["provinces"] and "01" in country["provinces"]
    by_province = {c["key"]: (int(c["in_province_not_here"]), int(c["here_not_in_province"]))
                   for c in country["by_province"]}  # fmt: skip
    assert by_province["01"] == (1, 1) and "04" not in by_province
    assert (int(country["in_province_not_here"]), int(country["here_not_in_province"])) == (1, 1)

    one_way = client.get(f"{API}?level=province&unit_code=04&month={month}", headers=ministry)
    assert one_way.status_code == 409 and "hai chiều" in one_way.json()["detail"]
    assert client.get(f"{API}?level=country&month={month}", headers=hanoi).status_code == 403
    assert client.get(url, headers=_bearer(signed_in, HCMC)).status_code == 403
    too_big = client.get(f"{url}&page_size=501", headers=hanoi)
    assert too_big.status_code == 422 and "page_size" in too_big.text

    form = client.get(f"{API}.xlsx?level=province&unit_code=01&month={month}", headers=hanoi)
    assert form.status_code == 200 and form.headers["content-type"] == XLSX
    assert f"chenh-lech-dong-bo-tinh-01-{month}.xlsx" in form.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(form.content)).active
    assert sheet is not None
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert f"HN-{run}-BAD" in cells and f"000.00.04.H26-{run[:8]}" in cells

    progress = client.get("/api/v1/reports/data-quality/progress.xlsx?level=province"
                          "&unit_code=01&since=2025-07", headers=hanoi)  # fmt: skip
    assert progress.status_code == 200 and progress.headers["content-type"] == XLSX
    assert "tien-do-lam-sach-du-lieu-01-tu-2025-07.xlsx" in progress.headers["content-disposition"]
