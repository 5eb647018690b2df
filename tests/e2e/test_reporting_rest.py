"""The reports over REST: the real gateway app with real Keycloak tokens of the demo users in
front of the reporting gRPC server (in this process) whose read models were built from events
through Kafka. Access follows the reader's unit; bad scopes are 422 naming the field."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ansinh_common.runtime import start_service
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from gateway.testing import gateway_client
from identity.testing import password_token
from reporting.bootstrap import bootstrap, build_worker
from reporting.config import ReportingSettings
from reporting.testing import OLD_COMMUNE, consume_until, died, publish, registered

pytestmark = pytest.mark.e2e

API = "/api/v1/reports"
PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INI = Path(__file__).parents[2] / "services" / "reporting" / "alembic.ini"
EVENTS = [
    registered("rest-old", date(2024, 1, 1), catalog_version="pre2025", commune_code=OLD_COMMUNE),
    registered("rest-a", date(2025, 8, 1), findings=["personal_id_missing"]),
    registered("rest-b", date(2025, 8, 1), category_code="5.6", disability_level_code="2",
               findings=["disability_type_missing"]),
    died("rest-a", date(2025, 9, 2), version=2, findings=["personal_id_missing"]),
]  # fmt: skip


@pytest.fixture
def client(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> Iterator[Any]:
    topic = make_topic(3)
    publish(servers.kafka_bootstrap, topic, EVENTS)
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(
        shards=dbs.shards,
        global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))},
        kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=topic,
        grpc_port=0,
        metrics_port=None,
    )
    consume_until(build_worker(settings, group_id=f"{topic}-rest"), len(EVENTS))
    service = bootstrap(settings)
    running = start_service(settings, service.servicers, service_names=service.service_names)
    try:
        backends = {"reporting": f"127.0.0.1:{running.grpc_port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as c:
            yield c
    finally:
        running.server.stop(0).wait()
        service.close()


def _bearer(servers: Servers, username: str) -> dict[str, str]:
    grant = password_token(servers.keycloak_url, username, "demo123")
    return {"Authorization": f"Bearer {grant['access_token']}"}


def _counts(items: list[dict[str, Any]]) -> dict[str, int]:
    return {i["key"]: int(i["count"]) for i in items}


def test_reports_follow_the_readers_unit(client: Any, servers: Servers) -> None:
    ministry, province = _bearer(servers, "bo.canbo"), _bearer(servers, "tinh.hanoi")
    commune = _bearer(servers, "xa.canbo")

    got = client.get(f"{API}/beneficiaries?level=country&month=2025-08", headers=ministry)
    assert got.status_code == 200, got.text
    body = got.json()
    assert (int(body["total"]), body["catalog_version"], body["month"]) == (3, "2025", "2025-08")
    assert _counts(body["changes"]) == {"new": 2}
    assert _counts(body["by_category"]) == {"5.5a": 2, "5.6": 1}

    sep = client.get(f"{API}/beneficiaries?level=province&unit_code=01&month=2025-10",
                     headers=province)  # fmt: skip
    assert sep.status_code == 200 and int(sep.json()["total"]) == 2

    june = client.get(f"{API}/beneficiaries?level=commune&unit_code=00001&month=2025-06",
                      headers=province)  # fmt: skip
    assert june.status_code == 200 and june.json()["catalog_version"] == "pre2025"
    assert int(june.json()["total"]) == 1

    refused = client.get(f"{API}/beneficiaries?level=country&month=2025-08", headers=province)
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    other = client.get(f"{API}/beneficiaries?level=province&unit_code=01&month=2025-08",
                       headers=commune)  # fmt: skip
    assert other.status_code == 403

    district = client.get(f"{API}/beneficiaries?level=district&unit_code=001&month=2025-08",
                          headers=ministry)  # fmt: skip
    assert district.status_code == 422 and district.headers["content-type"] == PROBLEM
    assert "huyện" in district.json()["detail"]

    form = client.get(f"{API}/beneficiaries.xlsx?level=province&unit_code=01&month=2025-08",
                      headers=province)  # fmt: skip
    assert form.status_code == 200 and form.headers["content-type"] == XLSX
    assert "bao-cao-doi-tuong-01-2025-08.xlsx" in form.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(form.content)).active
    assert sheet is not None and str(sheet["A1"].value).startswith("BÁO CÁO ĐỐI TƯỢNG")
    assert "Thành phố Hà Nội" in str(sheet["A2"].value)


def test_data_quality_ranks_the_units(client: Any, servers: Servers) -> None:
    got = client.get(f"{API}/data-quality?level=province&unit_code=01",
                     headers=_bearer(servers, "tinh.hanoi"))  # fmt: skip
    assert got.status_code == 200, got.text
    units = got.json()["units"]
    assert [u["rank"] for u in units] == list(range(1, len(units) + 1))
    scores = [u["score"] for u in units]
    assert scores == sorted(scores, reverse=True)
    by_code = {u["unit_code"]: u for u in units}
    ba_dinh = {f["field"]: f for f in by_code["00004"]["fields"]}
    assert (
        int(ba_dinh["disability_type"]["present"]),
        int(ba_dinh["disability_type"]["applicable"]),
    ) == (0, 1)


def test_a_commune_officer_reads_the_data_quality_of_their_commune(
    client: Any, servers: Servers
) -> None:
    """The web's data-quality page for a commune officer: their commune only (ADR 0039)."""
    officer = _bearer(servers, "xa.canbo")  # commune 00004
    got = client.get(f"{API}/data-quality?level=commune&unit_code=00004", headers=officer)
    assert got.status_code == 200, got.text
    units = got.json()["units"]
    assert [(u["unit_code"], u["rank"], int(u["records"])) for u in units] == [("00004", 1, 1)]
    other = client.get(f"{API}/data-quality?level=commune&unit_code=00008", headers=officer)
    assert other.status_code == 403, other.text
    wrong = client.get(f"{API}/data-quality?level=commune&unit_code=0004", headers=officer)
    assert wrong.status_code == 422, wrong.text
    assert wrong.json()["errors"][0]["field"] == "query.unit_code"
