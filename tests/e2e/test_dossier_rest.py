"""Dossiers over REST: the real gateway app with real Keycloak tokens in front of the dossier
gRPC server (in this process, real PostgreSQL shards). A citizen submits online and gets the
one-stop code; policy fields from a citizen are 403; an action out of order is refused in
Vietnamese; the commune officer receives the dossier (which sets the due dates) and then has
it in their queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.bootstrap import bootstrap
from dossier.config import DossierSettings
from dossier.domain.clock import TIMEZONE
from dossier.entrypoints.grpc_server import start
from dossier.service_layer.ports import PopulationRecord
from gateway.testing import gateway_client

pytestmark = pytest.mark.e2e

API = "/api/v1"
PROBLEM = "application/problem+json"
INI = Path(__file__).parents[2] / "services" / "dossier" / "alembic.ini"
COMMUNE = "00004"  # Phường Ba Đình, Hà Nội
APPLICANT = make_personal_id("001", "female", 1950, 4321)
DAY = dt.date(2026, 3, 2)  # a Monday


class PopulationDatabase:
    """Stand-in for the national population database (an external system)."""

    def lookup(self, national_id: str) -> PopulationRecord | None:
        lan = PopulationRecord(APPLICANT, "Nguyễn Thị Lan", dt.date(1950, 3, 2), "female")
        return lan if national_id == APPLICANT else None


@pytest.fixture
def client(servers: Servers, make_database: Callable[[str], str], tmp_path: Path) -> Iterator[Any]:
    dbs = migrate_fresh_databases(make_database, DossierSettings, INI)
    settings = DossierSettings(
        shards=dbs.shards,
        province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url,
        population_db_url=None,
        attachment_dir=tmp_path,
    )
    clock = lambda: dt.datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=TIMEZONE)  # noqa: E731
    service = bootstrap(settings, population=PopulationDatabase(), clock=clock)
    server, port = start(service)
    try:
        backends = {"dossier": f"127.0.0.1:{port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as c:
            yield c
    finally:
        server.stop(0).wait()
        service.close()


def _bearer(users: KeycloakTestUsers, template: Principal) -> dict[str, str]:
    _, username, password = users.create_user(template)
    grant = users.token(username, password)
    assert grant.status_code == 200, grant.text
    return {"Authorization": f"Bearer {grant.json()['access_token']}"}


def _values(**extra: Any) -> dict[str, Any]:
    return {
        "full_name": "Nguyễn Thị Lan", "birth_date": "1950-03-02", "gender": "female",
        "ethnicity": "01", "personal_id": APPLICANT, "residence": "Tổ 1, phường Ba Đình",
        "commune_code": COMMUNE, "hamlet": "Tổ 1", "household_poverty": "poor",
        "lives_with": "alone", "has_pension": False, **extra,
    }  # fmt: skip


def test_citizen_submits_and_the_commune_receives(
    client: Any, signed_in: KeycloakTestUsers
) -> None:
    citizen = _bearer(signed_in, Principal("c", "dan.lan", frozenset({"citizen"}), None, APPLICANT))
    desk = _bearer(signed_in, Principal("d", "xa.motcua", frozenset({"commune_officer"}), COMMUNE))
    procedures = client.get(f"{API}/procedures", headers=citizen)
    assert procedures.status_code == 200, procedures.text
    assert "1.001776" in {p["national_code"] for p in procedures.json()["procedures"]}
    submit = {"procedure_id": "tro-cap-xa-hoi-hang-thang", "purpose_id": "grant_allowance",
              "form_id": "1b", "values": _values(), "channel": 2}  # fmt: skip

    policy = {**submit, "values": _values(category_code="5.5a", coefficient="2")}
    refused = client.post(f"{API}/dossiers", json=policy, headers=citizen)
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    assert "coefficient" in refused.text

    made = client.post(f"{API}/dossiers", json=submit, headers=citizen)
    assert made.status_code == 201, made.text
    dossier = made.json()
    assert dossier["dossier_code"].endswith("-260302-0001") and dossier["state"] == "submitted"
    assert dossier["status"] == "Mới đăng ký, chờ tiếp nhận" and dossier["due_on"] is None
    did = dossier["dossier_id"]

    early = client.post(f"{API}/dossiers/{did}/actions", json={"approve": {}}, headers=desk)
    assert early.status_code in (409, 422) and early.headers["content-type"] == PROBLEM
    assert any(ch in early.json()["detail"] for ch in "ạảấầẩậắằẳặẹẻếềểệịỉọỏốồổộớờởợụủứừửựỳỷđ")
    two = client.post(f"{API}/dossiers/{did}/actions", json={"receive": {}, "approve": {}},
                      headers=desk)  # fmt: skip
    assert two.status_code == 422 and two.headers["content-type"] == PROBLEM

    received = client.post(f"{API}/dossiers/{did}/actions", json={"receive": {}}, headers=desk)
    assert received.status_code == 200, received.text
    view = received.json()
    assert view["state"] == "in_appraisal" and dt.date.fromisoformat(view["due_on"]) > DAY
    assert dt.date.fromisoformat(view["expected_result_on"]) >= dt.date.fromisoformat(
        view["due_on"]
    )
    queue = client.get(f"{API}/dossiers", params={"province_code": "01"}, headers=desk)
    assert queue.status_code == 200, queue.text
    assert [e["dossier_id"] for e in queue.json()["entries"]] == [did]
    pdf = {"file": ("to-khai.pdf", b"%PDF-1.7\n% to khai\n", "application/pdf")}
    url = f"{API}/dossiers/{did}/attachments?document_id=to-khai"
    attached = client.post(url, files=pdf, headers=citizen)
    assert attached.status_code == 201, attached.text
    assert attached.json()["content_type"] == "application/pdf"
    fake = {"file": ("anh.pdf", b"\x89PNG\r\n\x1a\n" + bytes(16), "application/pdf")}
    mismatch = client.post(url, files=fake, headers=citizen)
    assert mismatch.status_code == 422 and "PNG" in mismatch.json()["detail"]
    posting = client.get(f"{API}/dossiers/posting-lists/{COMMUNE}", headers=desk)
    assert posting.status_code == 200 and posting.json()["unit_code"] == COMMUNE
    mine = client.get(f"{API}/dossiers/{did}", headers=citizen).json()
    assert [h["action"] for h in mine["history"]][:2] == ["Nộp hồ sơ", "Tiếp nhận hồ sơ"]
