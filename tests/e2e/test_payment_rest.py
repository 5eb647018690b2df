"""The payment service over REST: the real gateway app with real Keycloak tokens in front of
the payment gRPC server (this process, fresh migrated shards, the real Redis lock).

A commune officer generates July 2024 (a job: 202 + ``Location``, polled to its result), reads
the lines with how each amount was computed, a leader approves, the officer exports the cash
file (CSV in UTF-8 with BOM, Vietnamese headers, totals and the checksum line), imports a
results file with a paid, a failed and a returned line, and reads the reconciliation: it
reconciles exactly, and the failed and returned payments appear in August as lines of their own.

Through the public API (issue 13): beneficiaries registered through the registry's REST API
reach the payment projection through the registry's events (outbox → Kafka → the payment
worker's inbox, ADR 0027); the month is generated through the payment REST API and the amounts
are read back.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from redis import Redis

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.messaging import OutboxRelay, create_idempotent_producer
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers, create_database, drop_database
from ansinh_common.testing_keycloak import KeycloakTestUsers
from gateway.testing import gateway_client
from payment.adapters.projection import save_beneficiary
from payment.bootstrap import bootstrap, build_worker
from payment.config import PaymentSettings
from payment.domain.model import Beneficiary, DecisionRef, Membership, PovertyStatus
from payment.domain.months import Month
from payment.entrypoints.grpc_server import start
from payment.testing import make_payment_cluster
from registry.bootstrap import bootstrap as bootstrap_registry
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start as start_registry
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e
API = "/api/v1/payments"
HANOI, BA_DINH = "01", "00004"
OFFICER = Principal("e2e-pay-cb", "e2e.pay.cb", frozenset({"commune_officer"}), BA_DINH)
LEADER = Principal("e2e-pay-ld", "e2e.pay.ld", frozenset({"commune_leader"}), BA_DINH)
PEOPLE = {"001040000101": "Nguyễn Thị Hoa", "001040000102": "Trần Văn Bình",
          "001040000103": "Lê Thị Cúc"}  # fmt: skip
HEADERS = ["Mã dòng", "Mã đối tượng", "Số tiền (đồng)", "Kết quả", "Mã lý do",
           "Ngày nhận tiền", "Điểm chi trả"]  # fmt: skip


@pytest.fixture
def client(servers: Servers) -> Iterator[Any]:
    created: list[str] = []

    def make(prefix: str = "test") -> str:
        created.append(create_database(servers.pg_admin_url, prefix))
        return created[-1]

    cluster = make_payment_cluster(make)
    factory = cluster.router.session_factory(cluster.router.shard_for(HANOI))
    with factory() as session:  # entitlements through the projection's writer
        for pid, name in PEOPLE.items():
            member = Membership(f"r-{pid}", "5.5a", DecisionRef("7/QĐ-UBND", date(2024, 6, 3)),
                                Month(2024, 7), poverty=PovertyStatus.POOR)  # fmt: skip
            person = Beneficiary(pid, pid, date(1940, 3, 1), HANOI, BA_DINH, (member,), ())
            save_beneficiary(session, person, name)
        session.commit()
    settings = PaymentSettings(redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
                               metrics_port=None)  # fmt: skip
    app = bootstrap(settings, router=cluster.router, redis=Redis.from_url(servers.redis_url),
                    lock_prefix=f"test:e2e:payment:{time.monotonic_ns()}")  # fmt: skip
    server, port = start(app)
    try:
        backends = {"payment": f"127.0.0.1:{port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as test_client:
            yield test_client
    finally:
        server.stop(0).wait()
        app.close()
        for url in reversed(created):
            drop_database(servers.pg_admin_url, url)


def _generate(client: Any, auth: dict[str, str], month: str) -> dict[str, Any]:
    started = client.post(f"{API}/lists/{BA_DINH}/{month}/generation", headers=auth)
    assert started.status_code == 202, started.text
    location = started.headers["Location"]
    assert location == f"/api/v1/jobs/payment/{started.json()['job_id']}"
    for _ in range(600):
        job = client.get(location, headers=auth).json()
        if job["state"] in ("succeeded", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "succeeded", job
    result: dict[str, Any] = client.get(f"{location}/result", headers=auth).json()
    return result


def _results_file(exported: str, outcomes: dict[str, tuple[str, str, str, str]]) -> bytes:
    """The results file of a channel: the exported rows with an outcome per person."""
    rows = list(csv.reader(io.StringIO(exported)))
    header = next(i for i, row in enumerate(rows) if row and "Mã dòng" in row)
    names = rows[header]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows[header + 1 :]:
        cells = dict(zip(names, row, strict=False))
        pid = cells.get("Mã đối tượng", "")
        if pid in outcomes:
            writer.writerow([cells["Mã dòng"], pid, cells["Số tiền (đồng)"], *outcomes[pid]])
    return ("\ufeff" + out.getvalue()).encode()


def test_generate_approve_export_results_and_reconcile_over_rest(
    client: Any, signed_in: KeycloakTestUsers
) -> None:
    officer = {"Authorization": f"Bearer {signed_in(OFFICER).token}"}
    leader = {"Authorization": f"Bearer {signed_in(LEADER).token}"}

    generated = _generate(client, officer, "2024-07")
    assert generated["changed"] is True
    assert generated["payment_list"]["total_vnd"] == 3 * 1_000_000  # 500,000 × 2.0 (5.5a, 80+)
    assert generated["payment_list"]["due_before"] == "2024-06-25"
    got = client.get(f"{API}/lists/{BA_DINH}/2024-07", headers=officer).json()
    assert sorted(line["national_id"] for line in got["lines"]) == sorted(PEOPLE)
    # paged (page_size / page_token); the header's totals are the whole list's on every page
    first = client.get(f"{API}/lists/{BA_DINH}/2024-07?page_size=2", headers=officer).json()
    token = first["next_page_token"]
    rest = client.get(f"{API}/lists/{BA_DINH}/2024-07", headers=officer,
                      params={"page_size": 2, "page_token": token}).json()  # fmt: skip
    assert (len(first["lines"]), len(rest["lines"]), rest["next_page_token"]) == (2, 1, "")
    assert [line["national_id"] for line in first["lines"] + rest["lines"]] == sorted(PEOPLE)
    assert first["payment_list"]["line_count"] == rest["payment_list"]["line_count"] == 3
    assert rest["payment_list"]["total_vnd"] == 3_000_000
    too_big = client.get(f"{API}/lists/{BA_DINH}/2024-07?page_size=501", headers=officer)
    assert too_big.status_code == 422 and "page_size" in too_big.text
    part = got["lines"][0]["parts"][0]
    assert (part["kind"], part["group"], part["coefficient"], part["standard_level_vnd"]) == (
        "monthly_allowance", "5.5a", "2.0", 500_000)  # fmt: skip
    assert "Nghị định 20/2021/NĐ-CP" in part["legal_basis"]  # Vietnamese citation (ADR 0043)
    assert (part["condition"], part["condition_label"]) == ("from_80", "Từ đủ 80 tuổi")
    assert "Nghị định 76/2024/NĐ-CP" in part["standard_level_basis"]
    # test users are named "Kiểm Thử" (given, family): shown family name first
    assert generated["payment_list"]["prepared_by_name"] == "Thử Kiểm"
    again = _generate(client, officer, "2024-07")  # idempotent
    assert again["changed"] is False and again["payment_list"] == generated["payment_list"]

    refused = client.post(f"{API}/lists/{BA_DINH}/2024-07/approval", headers=officer)
    assert refused.status_code == 403 and refused.json()["detail"]
    approved = client.post(f"{API}/lists/{BA_DINH}/2024-07/approval", headers=leader)
    assert approved.status_code == 200 and approved.json()["payment_list"]["state"] == "approved"
    assert approved.json()["payment_list"]["approved_by_name"] == "Thử Kiểm"

    exported = client.post(f"{API}/lists/{BA_DINH}/2024-07/exports", headers=officer,
                           json={"channel_code": "CASH_COMMUNE", "format": "csv"})  # fmt: skip
    assert exported.status_code == 200, exported.text
    assert exported.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = exported.content.decode("utf-8-sig")
    assert "Số tiền (đồng)" in text and "Tổng cộng" in text
    checksum = exported.headers["X-Checksum"]
    last = next(csv.reader([text.rstrip().splitlines()[-1]]))
    assert len(checksum) == 64 and last[:2] == ["Mã kiểm tra (SHA-256)", checksum]
    assert last[2:6] == ["Số dòng", "3", "Tổng số tiền", "3000000"]
    assert "attachment" in exported.headers["Content-Disposition"]

    paid, failed, returned = sorted(PEOPLE)
    upload = _results_file(text, {
        paid: ("Đã chi trả", "", "05/07/2024", "BD-01"),
        failed: ("Không thành công", "F01", "", ""),
        returned: ("Bị trả lại", "R03", "", ""),
    })  # fmt: skip
    files = {"file": ("ket-qua.csv", upload, "text/csv")}
    results = f"{API}/lists/{BA_DINH}/2024-07/results/CASH_COMMUNE"
    imported = client.post(results, headers=officer, files=files)
    assert imported.status_code == 200, imported.text
    body = imported.json()
    assert (body["paid"], body["failed"], body["returned"], body["carried_over"]) == (1, 1, 1, 2)

    channels = client.get(f"{API}/lists/{BA_DINH}/2024-07/reconciliation", headers=officer)
    assert channels.json()["channels"] == [{
        "commune_code": BA_DINH, "channel_code": "CASH_COMMUNE", "month": "2024-07",
        "expected_count": 3, "expected_vnd": 3_000_000, "paid_count": 1, "paid_vnd": 1_000_000,
        "failed_count": 2, "failed_vnd": 2_000_000, "outstanding_count": 0,
        "outstanding_vnd": 0,
    }]  # fmt: skip

    _generate(client, officer, "2024-08")
    august = client.get(f"{API}/lists/{BA_DINH}/2024-08", headers=officer).json()["lines"]
    carried = sorted((line["national_id"], line["month_for"], line["amount_vnd"])
                     for line in august if line["kind"] == "carry_over")  # fmt: skip
    assert carried == [(failed, "2024-07", 1_000_000), (returned, "2024-07", 1_000_000)]

    bad = client.post(f"{API}/lists/{BA_DINH}/2024-07/results/CASH_COMMUNE", headers=officer,
                      files={"file": ("x.csv", b"\xff\xfe", "text/csv")})  # fmt: skip
    assert bad.status_code == 422 and bad.json()["errors"]


# -- through the public API: registry REST → registry events → payment projection → payments
@pytest.fixture
def public_api(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> Iterator[tuple[Any, Callable[[], int]]]:
    """The gateway in front of a registry and a payment service; the registry's outbox relayed
    (by the returned ``relay()``) to a fresh topic that the payment projection worker reads."""
    topic = make_topic(3)
    dbs = migrate_fresh_databases(make_database, RegistrySettings, SHARD_INI,
                                  global_ini_path=GLOBAL_INI)  # fmt: skip
    registry_app = bootstrap_registry(RegistrySettings(
        shards=dbs.shards, province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url, metrics_port=None, beneficiary_topic=topic))  # fmt: skip
    registry_server, registry_port = start_registry(registry_app, port=0)
    cluster = make_payment_cluster(make_database)
    settings = PaymentSettings(
        redis_url=servers.redis_url, keycloak_url=servers.keycloak_url, metrics_port=None,
        shards=cluster.shard_urls, global_db_url=cluster.global_url,
        province_shards=default_province_shards(sorted(cluster.shard_urls)),
        kafka_bootstrap=servers.kafka_bootstrap, registry_topic=topic,
        consumer_group=f"{topic}-payment",
    )  # fmt: skip
    payment_app = bootstrap(settings, router=cluster.router,
                            lock_prefix=f"test:e2e:payment:{time.monotonic_ns()}")  # fmt: skip
    payment_server, payment_port = start(payment_app)
    worker = build_worker(settings, router=cluster.router)
    worker.start()

    def relay() -> int:
        sent = 0
        for shard in registry_app.router.shards():
            engine = registry_app.router.engine(shard)
            outbox = OutboxRelay(
                engine, lambda: create_idempotent_producer(servers.kafka_bootstrap)
            )
            while n := outbox.relay_once():
                sent += n
        return sent

    try:
        backends = {
            "registry": f"127.0.0.1:{registry_port}",
            "payment": f"127.0.0.1:{payment_port}",
        }
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as test_client:
            yield test_client, relay
    finally:
        worker.close()
        payment_server.stop(0).wait()
        registry_server.stop(0).wait()
        payment_app.close()
        registry_app.close()


def _elderly(n: int, born: date) -> dict[str, Any]:
    return {
        "person": {
            "full_name": f"Phạm Thị Lụa {n}", "birth_date": born.isoformat(), "gender": "female",
            "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 640_000 + n),
            "residence": {"province_code": HANOI, "commune_code": BA_DINH},
        },
        "category_code": "5.5a", "category_condition": "from_80", "coefficient": "2.0",
        "decision": {"number": f"{n}/QĐ-UBND", "signed_on": "2025-07-10",
                     "signing_unit_code": BA_DINH},
    }  # fmt: skip


def test_beneficiaries_registered_through_the_registry_rest_api_are_paid_through_the_payment_api(
    public_api: tuple[Any, Callable[[], int]], signed_in: KeycloakTestUsers
) -> None:
    client, relay = public_api
    officer = {"Authorization": f"Bearer {signed_in(OFFICER).token}"}
    born = {1: date(1938, 2, 1), 2: date(1945, 7, 20)}  # 87, and 80 in July 2025
    ids = []
    for n, day in born.items():
        created = client.post("/api/v1/beneficiaries", json=_elderly(n, day), headers=officer)
        assert created.status_code == 201, created.text
        ids.append(_elderly(n, day)["person"]["personal_id"])
    assert relay() >= 2

    deadline = time.monotonic() + 60
    while True:  # the projection catches up with the registry's events
        explained = [
            client.get(f"{API}/explanations", headers=officer,
                       params={"province_code": HANOI, "national_id": pid, "month": "2025-07"})
            for pid in ids
        ]  # fmt: skip
        if all(r.status_code == 200 for r in explained):
            break
        assert time.monotonic() < deadline, [r.text for r in explained]
        time.sleep(0.5)
    assert [r.json()["total_vnd"] for r in explained] == [1_000_000, 1_000_000]
    parts = explained[0].json()["parts"]
    assert [(p["group"], p["coefficient"], p["standard_level_vnd"]) for p in parts] == [
        ("5.5a", "2.0", 500_000)]  # fmt: skip
    assert "Nghị định 20/2021/NĐ-CP" in parts[0]["legal_basis"]  # Vietnamese (ADR 0043)

    generated = _generate(client, officer, "2025-07")
    assert generated["payment_list"]["total_vnd"] == 2_000_000
    lines = client.get(f"{API}/lists/{BA_DINH}/2025-07", headers=officer).json()["lines"]
    paid = sorted((line["national_id"], line["amount_vnd"], line["full_name"]) for line in lines)
    assert paid == [(ids[0], 1_000_000, "Phạm Thị Lụa 1"), (ids[1], 1_000_000, "Phạm Thị Lụa 2")]
    assert all(line["parts"][0]["standard_level_vnd"] == 500_000 for line in lines)
