"""Regression tests of issue 9 on the registry over REST: the real gateway app with REAL
Keycloak tokens of the demo users in front of the registry gRPC server (fresh shards).

* masking of personal ID and account numbers and the read audit, for each role;
* the holes found by probing: a system administrator's search, 500s on an unknown province or
  an absurd date, absurd values stored, a citizen attaching a decision, error-format slips.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from gateway.testing import gateway_client
from identity.testing import password_token
from registry.bootstrap import bootstrap as build_app
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e

PROBLEM = "application/problem+json"
DEMO_PASSWORD = "demo123"
CITIZEN_ID = "001090012345"  # congdan.an
MASKED_ID = "0010******45"
ACCOUNT = "0123456789012"
MASKED_ACCOUNT = "0123*******12"
API = "/api/v1/beneficiaries"


@pytest.fixture
def platform(servers: Servers, make_database: Callable[[str], str]) -> Iterator[tuple[Any, Any]]:
    """(gateway TestClient, registry app) on fresh shards."""
    dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    settings = RegistrySettings(
        shards=dbs.shards,
        province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url,
        metrics_port=None,
    )
    app = build_app(settings)
    server, port = start(app, port=0)
    try:
        with gateway_client(
            servers.redis_url, servers.keycloak_url, {"registry": f"127.0.0.1:{port}"}
        ) as client:
            yield client, app
    finally:
        server.stop(0).wait()
        app.close()


@pytest.fixture
def as_user(servers: Servers) -> Callable[[str], dict[str, str]]:
    cache: dict[str, dict[str, str]] = {}

    def bearer(username: str) -> dict[str, str]:
        if username not in cache:
            grant = password_token(servers.keycloak_url, username, DEMO_PASSWORD)
            cache[username] = {"Authorization": f"Bearer {grant['access_token']}"}
        return cache[username]

    return bearer


def citizen_an(decision_number: str = "45/QĐ-UBND") -> dict[str, Any]:
    return {
        "person": {
            "full_name": "Nguyễn Văn An", "birth_date": "1990-05-15", "gender": "male",
            "personal_id": CITIZEN_ID, "ethnicity_code": "01", "phone": "0912000111",
            "address": "Tổ 3", "residence": {"province_code": "01", "commune_code": "00004"},
        },
        "category_code": "5.6", "category_condition": "severe", "coefficient": "1.5",
        "decision": {"number": decision_number, "signed_on": "2025-07-10",
                     "signing_unit_code": "00004"},
        "disability": {"type_code": "1", "level_code": "2", "certified_on": "2025-06-05"},
        "payment": {"channel_code": "VBSP", "account_number": ACCOUNT,
                    "account_holder": "Nguyễn Văn An"},
    }  # fmt: skip


def problem(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == PROBLEM
    body: dict[str, Any] = resp.json()
    assert body["status"] == status and body["code"] != "internal"
    assert all(e["code"] for e in body["errors"]), body  # never an empty field code
    return body


def fields(body: dict[str, Any]) -> set[str]:
    return {e["field"] for e in body["errors"]}


def register(client: Any, as_user: Callable[[str], dict[str, str]]) -> str:
    created = client.post(API, json=citizen_an(), headers=as_user("xa.canbo"))
    assert created.status_code == 201, created.text
    return f"{API}/01/{created.json()['record_id']}"


def test_masking_and_read_audit_for_each_role(
    platform: tuple[Any, Any], as_user: Callable[[str], dict[str, str]]
) -> None:
    client, app = platform
    path = register(client, as_user)
    # who sees what: officials of the record's commune and province and the person in full;
    # the ministry officer (reads nationwide) masked; the system administrator nothing
    expected = {
        "xa.canbo": (CITIZEN_ID, ACCOUNT),
        "xa.lanhdao": (CITIZEN_ID, ACCOUNT),
        "tinh.hanoi": (CITIZEN_ID, ACCOUNT),
        "congdan.an": (CITIZEN_ID, ACCOUNT),
        "bo.canbo": (MASKED_ID, MASKED_ACCOUNT),
    }
    for username, (personal_id, account) in expected.items():
        record = client.get(path, headers=as_user(username))
        assert record.status_code == 200, (username, record.text)
        body = record.json()["record"]
        assert (body["personal_id"], body["account_number"]) == (personal_id, account), username
        history = client.get(f"{path}/history", headers=as_user(username))
        assert history.status_code == 200, history.text
        text = history.text
        assert (CITIZEN_ID in text) == (personal_id == CITIZEN_ID), username
        assert (ACCOUNT in text) == (account == ACCOUNT), username
    searched = client.get(
        API, params={"province_code": "01", "personal_id": CITIZEN_ID}, headers=as_user("bo.canbo")
    )
    assert searched.status_code == 200, searched.text
    assert [r["personal_id"] for r in searched.json()["items"]] == [MASKED_ID]
    assert problem(client.get(path, headers=as_user("bo.admin")), 403)["code"] == (
        "permission_denied"
    )

    # every read above is in the audit: who, what, from where, which route
    reads = client.get(f"{path}/reads", headers=as_user("xa.canbo"))
    assert reads.status_code == 200, reads.text
    items = reads.json()["items"]
    by_user: dict[str, set[str]] = {}
    for item in items:
        by_user.setdefault(item["reader_username"], set()).add(item["kind"])
    assert by_user == {
        **{u: {"record", "history"} for u in ("xa.canbo", "xa.lanhdao", "tinh.hanoi")},
        "congdan.an": {"record", "history"},
        "bo.canbo": {"record", "history", "search"},
    }
    assert items[0]["reader_username"] == "bo.canbo" and items[0]["kind"] == "search"
    record_read = next(i for i in items if i["kind"] == "record")
    assert record_read["route"] == "GET /api/v1/beneficiaries/{province_code}/{record_id}"
    assert record_read["client_address"] == "testclient" and record_read["read_at"]
    paged = client.get(f"{path}/reads", params={"page_size": 4}, headers=as_user("tinh.hanoi"))
    assert len(paged.json()["items"]) == 4 and paged.json()["next_page_token"]
    # the person sees who read their record; no one outside the record's reach does
    assert client.get(f"{path}/reads", headers=as_user("congdan.an")).status_code == 200
    problem(client.get(f"{path}/reads", headers=as_user("bo.admin")), 403)
    # the export of the commune is audited too (a read of every record in it)
    exported = client.get(f"{API}/export", params={"commune_code": "00004"},
                          headers=as_user("xa.canbo"))  # fmt: skip
    assert exported.status_code == 200, exported.text

    engine = sa.create_engine(app.router.shard_urls[app.router.shard_for("01")])
    try:
        with engine.connect() as conn:
            kinds = conn.execute(sa.text("SELECT kind, unit_code FROM record_reads")).all()
            assert ("export", "00004") in [tuple(k) for k in kinds]
            with pytest.raises(sa.exc.DBAPIError, match="append-only"):
                conn.execute(sa.text("UPDATE record_reads SET route = 'x'"))
        with engine.connect() as conn, pytest.raises(sa.exc.DBAPIError, match="append-only"):
            conn.execute(sa.text("DELETE FROM record_reads"))
    finally:
        engine.dispose()


def test_search_follows_the_read_rule_and_answers_alike(
    platform: tuple[Any, Any], as_user: Callable[[str], dict[str, str]]
) -> None:
    client, _ = platform
    register(client, as_user)
    # Found 1: the system administrator reads no personal data, searching included
    for params in ({"province_code": "01"}, {"personal_id": CITIZEN_ID}):
        refused = problem(client.get(API, params=params, headers=as_user("bo.admin")), 403)
        assert "quản trị hệ thống" in refused["detail"]
    # Found 8: a commune officer and a province officer searching another province: both 403
    for username in ("xa.canbo", "tinh.hanoi"):
        problem(client.get(API, params={"province_code": "79"}, headers=as_user(username)), 403)
    own = client.get(API, params={"province_code": "01"}, headers=as_user("xa.canbo"))
    assert own.status_code == 200 and own.json()["total"] == 1


def test_holes_found_by_probing(
    platform: tuple[Any, Any], as_user: Callable[[str], dict[str, str]]
) -> None:
    client, _ = platform
    officer, citizen = as_user("xa.canbo"), as_user("congdan.an")
    path = register(client, as_user)
    decision = {"number": "7/QĐ-UBND", "signed_on": "2025-08-01", "signing_unit_code": "00004"}

    # Found 2: a province code no shard holds is 404, not 500, on every route
    body = problem(client.get(f"{API}/05/abc", headers=officer), 404)
    assert fields(body) == {"province_code"}
    problem(client.post(f"{API}/05/abc/death", json={"died_on": "2025-11-02",
                        "decision": decision}, headers=officer), 404)  # fmt: skip
    # ... and a date outside 1900–2099 in death, stop or coefficient change is 422 naming it
    for suffix, payload, field in (
        ("death", {"died_on": "0936-01-01", "decision": decision}, "died_on"),
        ("stop", {"stopped_on": "7797-03-01", "decision": decision, "reason": "x"},
         "stopped_on"),
        ("coefficient-change", {"coefficient": "2.0", "condition_met_on": "0025-01-01",
                                "decision": decision}, "condition_met_on"),
    ):  # fmt: skip
        body = problem(client.post(f"{path}/{suffix}", json=payload, headers=officer), 422)
        assert field in fields(body), body

    # Found 3: absurd values are refused at the edge (dates, control characters, query dates)
    body = problem(client.patch(path, json={"birth_date": "0293-11-15"}, headers=citizen), 422)
    assert fields(body) == {"birth_date"}
    body = problem(client.post(API, json=citizen_an("7\x0b/QĐ\x00"), headers=officer), 422)
    assert fields(body) == {"decision.number"}
    wild = {**decision, "signed_on": "7942-12-13"}
    body = problem(client.post(f"{path}/death", json={"died_on": "2025-11-02",
                               "decision": wild}, headers=officer), 422)  # fmt: skip
    assert fields(body) == {"decision.signed_on"}
    for name in ("effective_to", "effective_from"):
        body = problem(client.get(f"{API}/changes", params={name: "0"}, headers=officer), 422)
        assert fields(body) == {f"query.{name}"}
    assert client.get(path, headers=officer).json()["record"]["birth_date"] == "1990-05-15"

    # Found 6: a citizen may not attach a decision (a policy field) to their own change
    attached = client.patch(path, json={"phone": "0987000111", "decision": decision},
                            headers=citizen)  # fmt: skip
    assert "decision" in problem(attached, 403)["detail"]

    # Found 8: error format
    body = problem(client.put(API, headers=officer), 405)
    assert body["code"] == "method_not_allowed"
    bad_json = client.post(API, content=b'{"person": [1,', headers={
        **officer, "content-type": "application/json"})  # fmt: skip
    assert fields(problem(bad_json, 422)) == {"body"}
    no_token = client.post(API, content=b'{"person": [1,',
                           headers={"content-type": "application/json"})  # fmt: skip
    assert problem(no_token, 401)["code"] == "unauthenticated"
    no_token_invalid = client.post(API, json={"person": 1})
    assert problem(no_token_invalid, 401)["code"] == "unauthenticated"
