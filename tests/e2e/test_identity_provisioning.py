"""Account provisioning through the gateway: refused outside the directly subordinate units
(403 problem+json in Vietnamese), allowed for them; the new user logs in; every attempt is
audited with who, when, what and the client address.

Real Keycloak, PostgreSQL and Redis; the identity gRPC service runs in this process (three-level
model for the district case, two-level for the 2025 case); the gateway is the real app.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

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

PROBLEM = "application/problem+json"
THREE_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.THREE_LEVEL),)
TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)


@pytest.fixture(scope="module")
def population() -> Iterator[PopulationSimulator]:
    with PopulationSimulator() as sim:
        yield sim


@pytest.fixture
def users(servers: Servers) -> Iterator[KeycloakUsers]:
    made = KeycloakUsers(servers.keycloak_url)
    yield made
    made.cleanup()


@pytest.fixture
def platform(
    servers: Servers, make_database: Callable[..., str], population: PopulationSimulator
) -> Iterator[Callable[[tuple[ModelPeriod, ...]], tuple[Any, str]]]:
    """``platform(periods) -> (gateway TestClient, identity database URL)``."""
    stack: list[Any] = []

    def start(periods: tuple[ModelPeriod, ...]) -> tuple[Any, str]:
        db = migrate(make_database("identity_e2e"))
        settings = settings_for_test(
            database_url=db, redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
            population=population, periods=periods,
        )  # fmt: skip
        identity = start_identity_server(settings)
        client_cm = gateway_client(
            servers.redis_url, servers.keycloak_url, identity.target, settings.disabled_flag_prefix
        )
        client = client_cm.__enter__()
        stack.append((identity, client_cm, settings.disabled_flag_prefix))
        return client, db

    yield start
    for identity, client_cm, prefix in stack:
        client_cm.__exit__(None, None, None)
        identity.stop()
        delete_keys(servers.redis_url, prefix)


def bearer(servers: Servers, username: str) -> dict[str, str]:
    token = password_token(servers.keycloak_url, username, TEST_PASSWORD)["access_token"]
    return {"Authorization": f"Bearer {token}"}


def new_account(unit: str, username: str) -> dict[str, Any]:
    return {
        "username": username,
        "first_name": "Hoa",
        "last_name": "Nguyễn Thị",
        "email": f"{username}@test.ansinh.vn",
        "unit_code": unit,
        "roles": ["commune_officer"],
        "password": "Hoa-pass-2026",
        "require_password_change": False,
    }


def audit_rows(db: str) -> list[tuple[Any, ...]]:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT actor_username, action, target_username, target_unit, outcome, "
                "reason_code, client_address, at FROM account_audit ORDER BY at"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_three_level_refusals_and_district_creation(
    servers: Servers, users: KeycloakUsers, platform: Callable[..., tuple[Any, str]]
) -> None:
    client, db = platform(THREE_LEVEL)
    # pre-2025 catalog: district 001 Quận Ba Đình → communes 00001 Phúc Xá, 00004 Trúc Bạch
    officer = users.create("00004", {"commune_officer"})
    leader = users.create("00004", {"commune_leader"})
    district = users.create("001", {"district_leader"})
    target = users.forget_later(f"t-{uuid.uuid4().hex[:10]}")

    refused = client.post(
        "/api/v1/accounts",
        json=new_account("00001", target),
        headers=bearer(servers, officer.username),
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == PROBLEM
    problem = refused.json()
    assert problem["title"] == "Không có quyền truy cập" and problem["code"] == "permission_denied"
    assert "lãnh đạo của đơn vị cấp trên trực tiếp" in problem["detail"]

    other_commune = client.post(
        "/api/v1/accounts",
        json=new_account("00001", target),
        headers=bearer(servers, leader.username),
    )
    assert other_commune.status_code == 403
    assert other_commune.json()["detail"] == (
        "Đơn vị 00001 không trực thuộc trực tiếp đơn vị của tài khoản; chỉ được tạo, khóa "
        "hoặc đặt lại tài khoản cho đơn vị cấp dưới trực tiếp."
    )

    created = client.post(
        "/api/v1/accounts",
        json=new_account("00001", target),
        headers=bearer(servers, district.username),
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["account"]["unit_code"] == "00001"
    assert body["account"]["catalog_version"] == "pre2025"
    assert body["generated_password"] is None

    tokens = password_token(servers.keycloak_url, target, "Hoa-pass-2026")  # the new user logs in
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["unit_code"] == "00001" and me.json()["roles"] == ["commune_officer"]

    rows = audit_rows(db)
    assert [r[:6] for r in rows] == [
        (officer.username, "create", target, "00001", "refused", "not_account_manager"),
        (leader.username, "create", target, "00001", "refused", "not_direct_subordinate"),
        (district.username, "create", target, "00001", "succeeded", ""),
    ]
    assert all(r[6] == "testclient" and r[7] is not None for r in rows)  # address and time


def test_two_level_province_creates_commune_account(
    servers: Servers, users: KeycloakUsers, platform: Callable[..., tuple[Any, str]]
) -> None:
    client, _ = platform(TWO_LEVEL)
    # 2025 catalog: 01 Hà Nội → 00008 Phường Ngọc Hà; no district level any more
    province = users.create("01", {"province_leader"}, version="2025")
    district = users.create("001", {"district_leader"})
    target = users.forget_later(f"t-{uuid.uuid4().hex[:10]}")
    refused = client.post(
        "/api/v1/accounts",
        json=new_account("00008", target),
        headers=bearer(servers, district.username),
    )
    assert refused.status_code == 403
    assert (
        refused.json()["detail"]
        == "Cấp huyện không có trong mô hình tổ chức hành chính đang áp dụng."
    )
    created = client.post(
        "/api/v1/accounts",
        json=new_account("00008", target),
        headers=bearer(servers, province.username),
    )
    assert created.status_code == 201, created.text
    assert created.json()["account"]["catalog_version"] == "2025"
    assert password_token(servers.keycloak_url, target, "Hoa-pass-2026")["access_token"]
