"""Issue 9 on the identity service through the gateway: a NUL in a role name is a 422 (not a
500) and still audited; account names cannot be enumerated (one answer for an unknown and an
out-of-reach account); an empty unit code never shows as a blank in a message."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

from ansinh.identity.v1 import identity_pb2, identity_pb2_grpc
from ansinh_common.auth.principal import call_metadata
from ansinh_common.authz import UnitModel
from ansinh_common.testing import Servers
from identity.domain.periods import ModelPeriod
from identity.testing import (
    TEST_PASSWORD,
    KeycloakUsers,
    PopulationSimulator,
    delete_keys,
    gateway_client,
    migrate,
    password_token,
    settings_for_test,
    start_identity_server,
)

pytestmark = pytest.mark.e2e

TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)


@pytest.fixture
def platform(
    servers: Servers, make_database: Callable[..., str]
) -> Iterator[tuple[Any, str, KeycloakUsers, str]]:
    users = KeycloakUsers(servers.keycloak_url)
    with PopulationSimulator() as population:
        db = migrate(make_database("identity_probe"))
        settings = settings_for_test(
            database_url=db, redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
            population=population, periods=TWO_LEVEL,
        )  # fmt: skip
        identity = start_identity_server(settings)
        try:
            with gateway_client(
                servers.redis_url, servers.keycloak_url, identity.target,
                settings.disabled_flag_prefix,
            ) as client:  # fmt: skip
                yield client, db, users, identity.target
        finally:
            identity.stop()
            users.cleanup()
            delete_keys(servers.redis_url, settings.disabled_flag_prefix)


def bearer(servers: Servers, username: str, password: str = TEST_PASSWORD) -> dict[str, str]:
    token = password_token(servers.keycloak_url, username, password)["access_token"]
    return {"Authorization": f"Bearer {token}"}


def audit(db: str) -> list[tuple[Any, ...]]:
    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT actor_username, action, target_username, outcome, reason_code, details "
                "FROM account_audit ORDER BY at"
            )).all()  # fmt: skip
    finally:
        engine.dispose()
    return [tuple(r) for r in rows]


def test_nul_in_a_role_name_is_refused_and_audited(
    servers: Servers, platform: tuple[Any, str, KeycloakUsers, str]
) -> None:
    client, db, users, identity_target = platform
    leader = users.create("01", {"province_leader"}, version="2025")
    name = users.forget_later(f"t-{uuid.uuid4().hex[:10]}")
    body = {
        "username": name, "first_name": "Hoa", "last_name": "Nguyễn Thị",
        "email": f"{name}@test.ansinh.vn", "unit_code": "00008",
        "roles": ["commune_officer\x00"], "password": "Hoa-pass-2026",
    }  # fmt: skip
    resp = client.post("/api/v1/accounts", json=body, headers=bearer(servers, leader.username))
    assert resp.status_code == 422, resp.text  # refused at the edge
    assert [e["field"] for e in resp.json()["errors"]] == ["roles[0]"]
    # the service refuses it too (a caller that skips the gateway), and audits the attempt
    stub = identity_pb2_grpc.IdentityServiceStub(grpc.insecure_channel(identity_target))
    token = password_token(servers.keycloak_url, leader.username, TEST_PASSWORD)["access_token"]
    request = identity_pb2.CreateAccountRequest(
        username=name, first_name="Hoa", last_name="Nguyễn Thị", email=f"{name}@test.ansinh.vn",
        unit_code="00008", roles=["commune_officer\x00"],
    )  # fmt: skip
    with pytest.raises(grpc.RpcError) as refused:
        stub.CreateAccount(request, metadata=call_metadata(token=token), timeout=30)
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    [row] = audit(db)
    assert row[:5] == (leader.username, "create", name, "refused", "invalid_input")
    assert row[5] == {"roles": "commune_officer\ufffd"}


def test_account_names_cannot_be_enumerated(
    servers: Servers, platform: tuple[Any, str, KeycloakUsers, str]
) -> None:
    client, db, users, _ = platform
    target = users.create("00008", {"commune_officer"}, version="2025")
    unknown = f"t-{uuid.uuid4().hex[:10]}"
    leader = users.create("04", {"province_leader"}, version="2025")  # another province
    citizen = bearer(servers, "congdan.an", "demo123")
    for headers in (citizen, bearer(servers, leader.username)):
        answers = []
        for username in (target.username, unknown):
            resp = client.post(f"/api/v1/accounts/{username}/disable", headers=headers)
            body = resp.json()
            answers.append((resp.status_code, body["code"], body["detail"].replace(username, "U")))
        assert answers[0] == answers[1], answers
        assert answers[0][0] == 403
        assert "  " not in answers[0][2]  # no blank where a unit code would be
    # the audit keeps the real reasons
    reasons = {(r[2], r[4]) for r in audit(db) if r[0] == leader.username}
    assert (unknown, "not_found") in reasons
    assert (target.username, "not_direct_subordinate") in reasons
