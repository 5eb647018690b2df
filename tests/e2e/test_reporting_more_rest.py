"""The poverty and procedures reports over REST (ADR 0029): the real gateway app with real
Keycloak tokens of the demo users in front of the reporting gRPC server whose read models were
built from poverty and dossier events through Kafka. The poverty report is readable only with
the poverty roles, the procedures report only with the social-assistance ones."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ansinh_common.auth.principal import Principal
from ansinh_common.runtime import start_service
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from gateway.testing import gateway_client
from reporting.bootstrap import bootstrap, build_worker
from reporting.config import ReportingSettings
from reporting.testing import (
    BA_DINH,
    HOAN_KIEM,
    changed,
    consume_until,
    decided,
    list_generated,
    publish,
    result,
)

pytestmark = pytest.mark.e2e

API = "/api/v1/reports"
PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POVERTY_OFFICER = Principal(
    "e2e-rp-pv", "e2e.rp.pv", frozenset({"province_officer", "domain_poverty"}), "01"
)
SOCIAL_OFFICER = Principal(
    "e2e-rp-sa", "e2e.rp.sa", frozenset({"province_officer", "domain_social_assistance"}), "01"
)
MINISTRY_SOCIAL = Principal(
    "e2e-rp-bo", "e2e.rp.bo", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)
COMMUNE_OFFICER = Principal("e2e-rp-xa", "e2e.rp.xa", frozenset({"commune_officer"}), "00004")
INI = Path(__file__).parents[2] / "services" / "reporting" / "alembic.ini"
POVERTY = [
    decided("rest-h1", date(2025, 12, 10), "poor", deprivations=("health_insurance",)),
    decided("rest-h2", date(2025, 12, 10), "near_poor", commune=HOAN_KIEM),
    decided("rest-h3", date(2025, 12, 10), "none"),
]
DOSSIERS = [
    changed("rest-d1", 1, date(2025, 9, 2), "submitted", "", "submit"),
    changed("rest-d1", 2, date(2025, 9, 3), "in_review", "submitted", "receive",
            due_on=date(2025, 9, 5)),
    changed("rest-d1", 3, date(2025, 9, 8), "decided", "in_review", "decide"),
]  # fmt: skip


PAYMENTS = [
    list_generated(BA_DINH, date(2025, 9, 1), 1_000_000,
                   totals=(("5.5a", "CASH_COMMUNE", False, 1, 400_000),
                           ("5.5a", "CASH_COMMUNE", True, 1, 600_000))),
    result("rest-l1", BA_DINH, date(2025, 9, 1), "paid", "CASH_COMMUNE", 400_000, "5.5a"),
]  # fmt: skip


@pytest.fixture
def client(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> Iterator[Any]:
    registry, poverty, dossier, payment = make_topic(1), make_topic(3), make_topic(3), make_topic(1)
    publish(servers.kafka_bootstrap, poverty, POVERTY)
    publish(servers.kafka_bootstrap, payment, PAYMENTS)
    publish(servers.kafka_bootstrap, dossier, DOSSIERS)
    dbs = migrate_fresh_databases(make_database, ReportingSettings, INI, shards=1)
    settings = ReportingSettings(
        shards=dbs.shards, global_db_url=dbs.global_url,
        province_shards={"01": next(iter(dbs.shards))}, kafka_bootstrap=servers.kafka_bootstrap,
        registry_topic=registry, poverty_topic=poverty, dossier_topic=dossier,
        payment_topic=payment, grpc_port=0, metrics_port=None,
    )  # fmt: skip
    consume_until(
        build_worker(settings, group_id=f"{poverty}-rest"), len(POVERTY + DOSSIERS + PAYMENTS)
    )
    service = bootstrap(settings)
    running = start_service(settings, service.servicers, service_names=service.service_names)
    try:
        backends = {"reporting": f"127.0.0.1:{running.grpc_port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as c:
            yield c
    finally:
        running.server.stop(0).wait()
        service.close()


def _bearer(signed_in: KeycloakTestUsers, who: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {signed_in(who).token}"}


def test_poverty_report_only_for_the_poverty_roles(
    client: Any, signed_in: KeycloakTestUsers
) -> None:
    poverty, social = _bearer(signed_in, POVERTY_OFFICER), _bearer(signed_in, SOCIAL_OFFICER)
    url = f"{API}/poverty?level=province&unit_code=01&month=2025-12"
    got = client.get(url, headers=poverty)
    assert got.status_code == 200, got.text
    body = got.json()
    assert (int(body["households"]), int(body["poor"]), int(body["near_poor"])) == (3, 1, 1)
    assert body["poor_rate"] == pytest.approx(1 / 3)
    assert {m["key"]: int(m["count"]) for m in body["moves"]} == {
        "entered_poverty": 1, "entered_near_poverty": 1,
    }  # fmt: skip

    refused = client.get(url, headers=social)
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    assert client.get(url, headers=_bearer(signed_in, MINISTRY_SOCIAL)).status_code == 403
    district = client.get(f"{API}/poverty?level=district&unit_code=001&month=2025-03",
                          headers=poverty)  # fmt: skip
    assert district.status_code == 422 and "2025" in district.json()["detail"]

    form = client.get(f"{API}/poverty.xlsx?level=province&unit_code=01&month=2025-12",
                      headers=poverty)  # fmt: skip
    assert form.status_code == 200 and form.headers["content-type"] == XLSX
    assert "bao-cao-ho-ngheo-01-2025-12.xlsx" in form.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(form.content)).active
    assert sheet is not None and str(sheet["A1"].value).startswith("BÁO CÁO KẾT QUẢ HỘ NGHÈO")
    assert client.get(f"{API}/poverty.xlsx?level=province&unit_code=01&month=2025-12",
                      headers=social).status_code == 403  # fmt: skip


def test_procedures_report_for_the_social_assistance_roles(
    client: Any, signed_in: KeycloakTestUsers
) -> None:
    social = _bearer(signed_in, SOCIAL_OFFICER)
    got = client.get(f"{API}/procedures?level=province&unit_code=01&month=2025-09",
                     headers=social)  # fmt: skip
    assert got.status_code == 200, got.text
    body = got.json()
    assert [int(body[k]) for k in ("received", "resolved_on_time", "resolved_late",
                                   "pending")] == [1, 0, 1, 0]  # fmt: skip
    (line,) = body["lines"]
    assert (line["procedure_code"], line["unit_code"], line["channel"]) == ("1.001776", "00004", 2)
    assert [s["state"] for s in body["steps"]] == ["in_review", "submitted"]

    poverty = _bearer(signed_in, POVERTY_OFFICER)
    refused = client.get(f"{API}/procedures?level=province&unit_code=01&month=2025-09",
                         headers=poverty)  # fmt: skip
    assert refused.status_code == 403
    commune = client.get(f"{API}/procedures?level=province&unit_code=01&month=2025-09",
                         headers=_bearer(signed_in, COMMUNE_OFFICER))  # fmt: skip
    assert commune.status_code == 403
    bad = client.get(f"{API}/procedures?level=province&unit_code=01&month=2025-13",
                     headers=social)  # fmt: skip
    assert bad.status_code == 422

    budget = client.get(f"{API}/budget?level=commune&unit_code=00004&month=2025-09",
                        headers=social)  # fmt: skip
    assert budget.status_code == 200, budget.text
    assert (int(budget.json()["owed_vnd"]), int(budget.json()["paid_vnd"])) == (1_000_000, 400_000)
    assert budget.json()["account_share"] == 0.0  # paid in cash at the commune
    assert [(x["group_code"], x["arrears"], int(x["owed_vnd"]), int(x["paid_vnd"]))
            for x in budget.json()["lines"]] == [("5.5a", False, 400_000, 400_000),
                                                  ("5.5a", True, 600_000, 0)]  # fmt: skip
    assert int(budget.json()["arrears_owed_vnd"]) == 600_000
    budget_form = client.get(f"{API}/budget.xlsx?level=commune&unit_code=00004&month=2025-09",
                             headers=social)  # fmt: skip
    assert budget_form.status_code == 200 and budget_form.headers["content-type"] == XLSX
    assert "bao-cao-kinh-phi-00004-2025-09.xlsx" in budget_form.headers["content-disposition"]
    assert client.get(f"{API}/budget?level=commune&unit_code=00004&month=2025-09",
                      headers=poverty).status_code == 403  # fmt: skip

    progress = client.get(f"{API}/data-quality/progress?level=province&unit_code=01"
                          f"&since=2025-07", headers=social)  # fmt: skip
    assert progress.status_code == 200 and progress.json()["unit_code"] == "01"
    assert client.get(f"{API}/data-quality/progress?level=province&unit_code=01&since=2025-07",
                      headers=poverty).status_code == 403  # fmt: skip

    form = client.get(f"{API}/procedures.xlsx?level=commune&unit_code=00004&month=2025-09",
                      headers=social)  # fmt: skip
    assert form.status_code == 200 and form.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(form.content)).active
    assert sheet is not None and "Phường Ba Đình" in str(sheet["A2"].value)
