"""Disabled accounts stop working at the gateway within the stated bound (docs/identity.md):

* disabled through the identity service (REST → gRPC): refused on the very next request;
* disabled directly in Keycloak (as in the admin console): refused within the sync interval
  plus one sync (default 5 s; the README states 10 s), although the access token itself is
  still valid for minutes.

Real Keycloak and Redis; the identity service (with its sync loop) runs in this process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import httpx
import pytest

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

BOUND_SECONDS = 10.0  # stated in services/identity/README.md and docs/identity.md
TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)


@pytest.fixture
def stack(
    servers: Servers, make_database: Callable[..., str]
) -> Iterator[tuple[Any, KeycloakUsers]]:
    users = KeycloakUsers(servers.keycloak_url)
    with PopulationSimulator() as population:
        settings = settings_for_test(
            database_url=migrate(make_database("identity_e2e")), redis_url=servers.redis_url,
            keycloak_url=servers.keycloak_url, population=population, periods=TWO_LEVEL,
        )  # fmt: skip
        assert settings.disabled_sync_interval_seconds == 5.0  # the default the bound is for
        identity = start_identity_server(settings, sync=True)
        try:
            with gateway_client(
                servers.redis_url, servers.keycloak_url, identity.target,
                settings.disabled_flag_prefix,
            ) as client:  # fmt: skip
                yield client, users
        finally:
            identity.stop()
            users.cleanup()
            delete_keys(servers.redis_url, settings.disabled_flag_prefix)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_disabled_through_the_identity_service_is_refused_at_once(
    servers: Servers, stack: tuple[Any, KeycloakUsers]
) -> None:
    client, users = stack
    province = users.create("01", {"province_leader"}, version="2025")
    commune = users.create("00008", {"commune_officer"}, version="2025")
    token = password_token(servers.keycloak_url, commune.username, TEST_PASSWORD)["access_token"]
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 200

    leader = password_token(servers.keycloak_url, province.username, TEST_PASSWORD)
    resp = client.post(
        f"/api/v1/accounts/{commune.username}/disable", headers=auth(leader["access_token"])
    )
    assert resp.status_code == 200 and resp.json()["enabled"] is False

    refused = client.get("/api/v1/me", headers=auth(token))
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Tài khoản đã bị khóa; liên hệ đơn vị quản lý tài khoản."
    with pytest.raises(httpx.HTTPStatusError, match="400"):  # Keycloak issues no new token either
        password_token(servers.keycloak_url, commune.username, TEST_PASSWORD)

    enabled = client.post(
        f"/api/v1/accounts/{commune.username}/enable", headers=auth(leader["access_token"])
    )
    assert enabled.status_code == 200
    fresh = password_token(servers.keycloak_url, commune.username, TEST_PASSWORD)["access_token"]
    assert client.get("/api/v1/me", headers=auth(fresh)).status_code == 200


def test_disabled_in_keycloak_is_refused_within_the_bound(
    servers: Servers, stack: tuple[Any, KeycloakUsers]
) -> None:
    client, users = stack
    commune = users.create("00008", {"commune_officer"}, version="2025")
    tokens = password_token(servers.keycloak_url, commune.username, TEST_PASSWORD)
    assert tokens["expires_in"] >= 60  # the token alone would stay valid for minutes
    assert client.get("/api/v1/me", headers=auth(tokens["access_token"])).status_code == 200

    account = users.accounts.find(commune.username)
    assert account is not None
    users.accounts.set_enabled(account.user_id, False)  # what the admin console does
    disabled_at = time.monotonic()
    while True:
        status = client.get("/api/v1/me", headers=auth(tokens["access_token"])).status_code
        elapsed = time.monotonic() - disabled_at
        if status == 401:
            break
        assert status == 200
        assert elapsed < BOUND_SECONDS, f"still accepted {elapsed:.1f} s after disabling"
        time.sleep(0.25)
    assert elapsed < BOUND_SECONDS
