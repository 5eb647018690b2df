"""The registry over REST: the real gateway app with REAL Keycloak tokens of the demo users
(direct grant) in front of the registry gRPC server (in this process, fresh migrated shards).

* a citizen (congdan.an) changes their phone and address, but changing a policy field of
  their own record (coefficient, category, payment) is refused with 403 problem+json in
  Vietnamese (Circular 11/2019/TT-BLĐTBXH Art. 4.1);
* a commune officer (xa.canbo, Phường Ba Đình) searching sees only their commune's records;
* an Excel import (a job: started, polled, its result fetched) dry run returns the errors by
  row and column, in Vietnamese; the valid rows can be applied with the rejected ones coming
  back as an error workbook;
* a benefit is stopped (/stop) and a move of residence started (/move) over REST.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from gateway.testing import gateway_client
from identity.testing import password_token
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e

PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEMO_PASSWORD = "demo123"  # demo users of infra/keycloak/ansinh-realm.json
CITIZEN_ID = "001090012345"  # congdan.an's national_id attribute
API = "/api/v1/beneficiaries"


@pytest.fixture
def client(servers: Servers, make_database: Callable[[str], str]) -> Iterator[Any]:
    """The gateway (TestClient) whose ``registry`` backend runs here on fresh shards."""
    dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    settings = RegistrySettings(
        shards=dbs.shards,
        province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url,
        metrics_port=None,
    )
    app = bootstrap(settings)
    server, port = start(app, port=0)
    try:
        backends = {"registry": f"127.0.0.1:{port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as c:
            yield c
    finally:
        server.stop(0).wait()
        app.close()


@pytest.fixture
def tokens(servers: Servers) -> Callable[[str], dict[str, str]]:
    """``tokens(username)``: Authorization header with a demo user's access token."""
    cache: dict[str, dict[str, str]] = {}

    def bearer(username: str) -> dict[str, str]:
        if username not in cache:
            grant = password_token(servers.keycloak_url, username, DEMO_PASSWORD)
            cache[username] = {"Authorization": f"Bearer {grant['access_token']}"}
        return cache[username]

    return bearer


def decision(number: str, signed_on: str = "2025-07-10", unit: str = "00004") -> dict[str, str]:
    return {"number": number, "signed_on": signed_on, "signing_unit_code": unit}


def citizen_an() -> dict[str, Any]:
    """congdan.an's record: severe mobility disability since June 2025, group 5.6, 1.5."""
    return {
        "person": {
            "full_name": "Nguyễn Văn An", "birth_date": "1990-05-15", "gender": "male",
            "personal_id": CITIZEN_ID, "ethnicity_code": "01", "phone": "0912000111",
            "address": "Tổ 3", "residence": {"province_code": "01", "commune_code": "00004"},
        },
        "category_code": "5.6", "category_condition": "severe", "coefficient": "1.5",
        "decision": decision("45/QĐ-UBND"),
        "disability": {"type_code": "1", "level_code": "2", "certified_on": "2025-06-05"},
        "payment": {"channel_code": "CASH_COMMUNE"},
    }  # fmt: skip


def elderly(n: int, commune: str) -> dict[str, Any]:
    born = date(1938, 2, 1)
    return {
        "person": {
            "full_name": f"Trần Thị Cụ {n}", "birth_date": born.isoformat(), "gender": "female",
            "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 610_000 + n),
            "residence": {"province_code": "01", "commune_code": commune},
        },
        "category_code": "5.5a", "category_condition": "from_80", "coefficient": "2.0",
        "decision": decision(f"{n}/QĐ-UBND", unit=commune),
    }  # fmt: skip


def assert_problem(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == PROBLEM
    body: dict[str, Any] = resp.json()
    assert body["status"] == status
    return body


def test_citizen_changes_personal_fields_but_not_policy_fields(
    client: Any, tokens: Callable[[str], dict[str, str]]
) -> None:
    officer, citizen = tokens("xa.canbo"), tokens("congdan.an")
    created = client.post(API, json=citizen_an(), headers=officer)
    assert created.status_code == 201, created.text
    record = created.json()
    path = f"{API}/01/{record['record_id']}"
    assert (record["category_code"], record["coefficient"], record["status"]) == (
        "5.6",
        "1.5",
        "active",
    )

    mine = client.get(API, headers=citizen)  # a citizen finds their own record only
    assert mine.status_code == 200, mine.text
    assert [r["record_id"] for r in mine.json()["items"]] == [record["record_id"]]

    changed = client.patch(
        path, json={"phone": "0987654321", "address": "Số 5 ngõ 12"}, headers=citizen
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["changed"] is True
    assert changed.json()["record"]["phone"] == "0987654321"
    assert changed.json()["record"]["address"] == "Số 5 ngõ 12"

    coefficient = client.post(
        f"{path}/coefficient-change",
        json={
            "coefficient": "2.0", "condition_met_on": "2025-10-03",
            "decision": decision("77/QĐ-UBND", "2025-10-20"),
            "category_code": "5.6", "category_condition": "especially_severe",
        },
        headers=citizen,
    )  # fmt: skip
    problem = assert_problem(coefficient, 403)
    assert problem["title"] == "Không có quyền truy cập" and problem["code"] == "permission_denied"
    assert problem["detail"] == (
        "Công dân hoặc người đại diện chỉ được thay đổi thông tin cá nhân, không được thay đổi "
        "thông tin về chế độ, chính sách (category, coefficient); việc này do cơ quan có thẩm "
        "quyền thực hiện (khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."
    )
    assert [(e["field"], e["message"]) for e in problem["errors"]] == [
        ("category", "Không được thay đổi thông tin về chính sách."),
        ("coefficient", "Không được thay đổi thông tin về chính sách."),
    ]
    payment = client.patch(
        path,
        json={"payment": {"channel_code": "VBSP", "account_number": "0123456789"}},
        headers=citizen,
    )
    assert [e["field"] for e in assert_problem(payment, 403)["errors"]] == ["payment"]
    not_a_field = client.patch(path, json={"coefficient": "2.0"}, headers=citizen)
    assert assert_problem(not_a_field, 422)["errors"][0]["field"] == "coefficient"

    history = client.get(f"{path}/history", headers=citizen).json()["changes"]
    assert [c["kind"] for c in history] == ["new", "information"]
    assert history[1]["actor"]["username"] == "congdan.an"
    before = client.get(path, params={"as_of": "2025-08-01"}, headers=officer)
    assert before.status_code == 200, before.text
    assert before.json()["record"]["phone"] == "0912000111" and before.json()["as_of"]
    now = client.get(path, headers=officer).json()
    assert now["record"]["phone"] == "0987654321" and now["record"]["coefficient"] == "1.5"

    raised = client.post(  # the commune officer, the competent agency, may
        f"{path}/coefficient-change",
        json={
            "coefficient": "2.0", "condition_met_on": "2025-10-03",
            "decision": decision("77/QĐ-UBND", "2025-10-20"),
            "category_code": "5.6", "category_condition": "especially_severe",
            "disability": {"type_code": "1", "level_code": "1"},
        },
        headers=officer,
    )  # fmt: skip
    assert raised.status_code == 200, raised.text
    assert raised.json()["coefficient"] == "2.0"
    no_decision = client.post(f"{path}/death", json={"died_on": "2025-11-02"}, headers=officer)
    assert assert_problem(no_decision, 422)["errors"][0]["field"] == "decision"
    died = client.post(
        f"{path}/death",
        json={"died_on": "2025-11-02", "decision": decision("99/QĐ-UBND", "2025-11-10")},
        headers=officer,
    )
    assert died.status_code == 200, died.text
    assert (died.json()["status"], died.json()["end_month"]) == ("deceased", "2025-11")


def test_citizen_updates_contact_details_but_not_identity_data(
    client: Any, tokens: Callable[[str], dict[str, str]]
) -> None:
    """Docs/adr/0039: identity data come from the population database; a citizen's own
    record takes their phone and address, and refuses a name or ID number naming the field."""
    officer, citizen = tokens("xa.canbo"), tokens("congdan.an")
    created = client.post(API, json=citizen_an(), headers=officer)
    assert created.status_code == 201, created.text
    path = f"{API}/01/{created.json()['record_id']}"
    renamed = client.patch(
        path, json={"full_name": "Nguyễn Văn Khác", "phone": "0911222333"}, headers=citizen
    )
    problem = assert_problem(renamed, 403)
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [("full_name", "identity_field")]
    new_id = client.patch(path, json={"personal_id": "001090054321"}, headers=citizen)
    assert [e["field"] for e in assert_problem(new_id, 403)["errors"]] == ["personal_id"]
    record = client.get(path, headers=officer).json()["record"]
    assert (record["full_name"], record["phone"]) == ("Nguyễn Văn An", "0912000111")

    phone = client.patch(path, json={"phone": "0911222333"}, headers=citizen)
    assert phone.status_code == 200, phone.text
    assert phone.json()["record"]["phone"] == "0911222333"
    fixed = client.patch(path, json={"full_name": "Nguyễn Văn Ân"}, headers=officer)
    assert fixed.status_code == 200, fixed.text  # the commune officer corrects identity data


def test_search_lists_the_records_having_a_finding(
    client: Any, tokens: Callable[[str], dict[str, str]]
) -> None:
    """The data-quality page's link: a unit's records that still have a finding."""
    officer = tokens("xa.canbo")
    complete = client.post(API, json=citizen_an(), headers=officer)
    lacking = client.post(API, json=elderly(1, "00004"), headers=officer)  # no ethnicity
    assert (complete.status_code, lacking.status_code) == (201, 201), lacking.text
    query = {"unit_code": "00004", "with_findings": "true"}
    found = client.get(API, params=query, headers=officer)
    assert found.status_code == 200, found.text
    assert [r["record_id"] for r in found.json()["items"]] == [lacking.json()["record_id"]]
    everyone = client.get(API, params={"unit_code": "00004"}, headers=officer).json()
    assert everyone["total"] == 2
    fixed = client.patch(
        f"{API}/01/{lacking.json()['record_id']}", json={"ethnicity_code": "01"}, headers=officer
    )
    assert fixed.status_code == 200, fixed.text
    assert client.get(API, params=query, headers=officer).json()["total"] == 0


def test_commune_officer_sees_only_their_commune(
    client: Any, tokens: Callable[[str], dict[str, str]]
) -> None:
    commune, province = tokens("xa.canbo"), tokens("tinh.hanoi")
    for n, unit in ((1, "00004"), (2, "00004"), (3, "00008")):  # Ba Đình ×2, Ngọc Hà
        created = client.post(API, json=elderly(n, unit), headers=province)
        assert created.status_code == 201, created.text

    seen = client.get(API, params={"name": "tran thi cu"}, headers=commune)
    assert seen.status_code == 200, seen.text
    body = seen.json()
    assert body["total"] == 2
    assert {r["residence"]["commune_code"] for r in body["items"]} == {"00004"}
    other = client.get(API, params={"unit_code": "00008"}, headers=commune)
    assert "Không có quyền" in assert_problem(other, 403)["title"]

    everyone = client.get(API, params={"name": "tran thi cu", "page_size": 2}, headers=province)
    assert everyone.json()["total"] == 3 and everyone.json()["next_page_token"]
    changes = client.get(f"{API}/changes", params={"kind": "new"}, headers=commune)
    assert changes.status_code == 200, changes.text
    assert {c["commune_code"] for c in changes.json()["items"]} == {"00004"}
    assert changes.json()["total"] == 2

    ready = client.get("/readyz")  # the registry backend is one of the checked dependencies
    assert ready.status_code == 200, ready.text
    assert "grpc:registry" in ready.text


def _row(n: int, **overrides: Any) -> dict[str, Any]:
    born = date(1935, 1 + n % 12, 10)
    row = {
        "full_name": f"Lê Thị Nhập {n}", "birth_date": born, "gender": "Nữ",
        "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 720_000 + n),
        "ethnicity": "Kinh", "commune_name": "Phường Ba Đình", "commune_code": "00004",
        "category": "5.5a", "coefficient": Decimal("2.0"), "decision_number": f"{n}/QĐ",
        "decision_date": date(2024, 5, 10), "decision_authority": "UBND phường Ba Đình",
        "start_month": (2024, 6), "payment_method": "Tiền mặt tại xã",
    }  # fmt: skip
    row.update(overrides)
    return row


def _workbook(rows: list[dict[str, Any]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "00004.xlsx"
        write_workbook(
            path, TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10)), rows
        )
        return path.read_bytes()


def run_import(client: Any, params: dict[str, str], files: Any, headers: dict[str, str]) -> Any:
    """Start the import job, poll it until it ends, return its result (the error file when
    ``headers`` accept it)."""
    auth = {"Authorization": headers["Authorization"]}
    started = client.post(f"{API}/import", params=params, files=files, headers=auth)
    assert started.status_code == 202, started.text
    location = started.headers["location"]
    deadline = time.monotonic() + 120
    while client.get(location, headers=auth).json()["state"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, "the import job did not end"
        time.sleep(0.1)
    return client.get(f"{location}/result", headers=headers)


def test_import_dry_run_reports_errors_by_row_and_column(
    client: Any, tokens: Callable[[str], dict[str, str]]
) -> None:
    officer = tokens("xa.canbo")
    rows = [_row(n) for n in range(1, 6)]
    rows[1]["gender"] = "?"  # data starts at row 10: the second row is row 11
    rows[3]["birth_date"] = "31/02/1940"
    content = _workbook(rows)
    files = {"file": ("00004.xlsx", content, XLSX)}

    dry = run_import(client, {"mode": "dry_run"}, files, officer)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert (report["rows_total"], report["rows_valid"], report["applied"]) == (5, 3, False)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (11, "gender"),
        (13, "birth_date"),
    ]
    assert (
        report["errors"][0]["text"] == "Dòng 11, cột 'Giới tính': giới tính phải là 'Nam' hoặc 'Nữ'"
    )
    assert report["errors"][1]["text"].startswith("Dòng 13, cột 'Ngày sinh': ")
    assert client.get(API, headers=officer).json()["total"] == 0  # a dry run writes nothing

    applied = run_import(client, {"mode": "apply_valid_only"}, files, {**officer, "Accept": XLSX})
    assert applied.status_code == 200, applied.text
    assert applied.headers["content-type"] == XLSX
    assert applied.headers["x-import-rows-applied"] == "3"
    assert applied.headers["x-import-applied"] == "true"
    assert load_workbook(io.BytesIO(applied.content)).worksheets[0].max_row >= 11
    assert client.get(API, headers=officer).json()["total"] == 3

    exported = client.get(f"{API}/export", params={"commune_code": "00004"}, headers=officer)
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"] == XLSX and exported.headers["x-rows"] == "3"
    assert "attachment" in exported.headers["content-disposition"]
    other = client.get(f"{API}/export", params={"commune_code": "00008"}, headers=officer)
    assert_problem(other, 403)


def test_stop_and_move_over_rest(client: Any, tokens: Callable[[str], dict[str, str]]) -> None:
    province = tokens("tinh.hanoi")
    ids = []
    for n in (41, 42):
        created = client.post(API, json=elderly(n, "00004"), headers=province)
        assert created.status_code == 201, created.text
        ids.append(created.json()["record_id"])
    stop_path, move_path = f"{API}/01/{ids[0]}/stop", f"{API}/01/{ids[1]}/move"

    no_reason = {"stopped_on": "2025-09-20", "decision": decision("60/QĐ-UBND", "2025-09-25")}
    assert (
        assert_problem(client.post(stop_path, json=no_reason, headers=province), 422)["errors"][0][
            "field"
        ]
        == "reason"
    )
    stopped = client.post(stop_path, json={**no_reason, "reason": "Đi làm có thu nhập"},
                          headers=province)  # fmt: skip
    assert stopped.status_code == 200, stopped.text
    assert (stopped.json()["status"], stopped.json()["end_month"]) == ("stopped", "2025-09")
    history = client.get(f"{API}/01/{ids[0]}/history", headers=province).json()
    assert [c["kind"] for c in history["changes"]] == ["new", "stop"]
    assert history["changes"][1]["decision"]["number"] == "60/QĐ-UBND"
    again = client.post(stop_path, json={**no_reason, "reason": "lần hai"}, headers=province)
    assert assert_problem(again, 409)["code"] == "failed_precondition"

    move = {
        "destination": {"province_code": "04", "commune_code": "01273"},
        "effective_on": "2025-10-15", "move_id": "5b0c3d6e-0d3a-4c47-9a51-1f2e3d4c5b6a",
        "move_out_decision": decision("50/QĐ-UBND", "2025-10-10"),
        "move_in_decision": decision("7/QĐ-UBND", "2025-10-12", "01273"),
    }  # fmt: skip
    started = client.post(move_path, json=move, headers=province)
    assert started.status_code == 202, started.text
    assert started.json() == {"move_id": move["move_id"]}
    retried = client.post(move_path, json=move, headers=province)  # same move id: no new move
    assert retried.status_code == 202 and retried.json() == {"move_id": move["move_id"]}
    record = client.get(f"{API}/01/{ids[1]}", headers=province).json()
    assert record["move"]["move_id"] == move["move_id"] and record["move"]["stage"] == "requested"
    assert record["move"]["destination"]["commune_code"] == "01273"
    no_decision = {k: v for k, v in move.items() if k != "move_in_decision"}
    assert (
        assert_problem(client.post(move_path, json=no_decision, headers=province), 422)["errors"][
            0
        ]["field"]
        == "move_in_decision"
    )
