"""Fixtures for gateway tests against the real Redis and Keycloak (``infra/servers.sh up``).

``gateway_client(**settings)``: a TestClient of the real app (real bootstrap: Redis, httpx,
Keycloak JWKS) with Redis keys under a unique prefix, removed afterwards.
``realm_token(username, client_id)``: an access token issued by Keycloak by direct grant.
``short_lived_client``: a throw-away public client of realm ``ansinh`` whose access tokens live
3 seconds (created and deleted through the Keycloak admin API), for genuinely expired tokens.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from ansinh_common.testing import Servers
from gateway.app import create_app
from gateway.config import GatewaySettings

REALM = "ansinh"
PASSWORD = "demo123"


def issue_token(keycloak_url: str, username: str, client_id: str = "ansinh-gateway") -> str:
    resp = httpx.post(
        f"{keycloak_url}/realms/{REALM}/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": client_id,
            "username": username,
            "password": PASSWORD,
        },
        timeout=15,
    )
    resp.raise_for_status()
    token: str = resp.json()["access_token"]
    return token


@pytest.fixture
def realm_token(servers: Servers) -> Callable[..., str]:
    def issue(username: str = "xa.canbo", client_id: str = "ansinh-gateway") -> str:
        return issue_token(servers.keycloak_url, username, client_id)

    return issue


@pytest.fixture
def gateway_client(servers: Servers) -> Iterator[Callable[..., TestClient]]:
    prefix = f"test:gateway:{uuid.uuid4().hex}"
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = GatewaySettings(
            redis_url=servers.redis_url,
            keycloak_url=servers.keycloak_url,
            jwks_cache_key_prefix=f"{prefix}:jwks",
            rate_limit_key_prefix=f"{prefix}:rl",
            **overrides,
        )
        client = TestClient(create_app(settings, instrument=False), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
    r = redis.Redis.from_url(servers.redis_url)
    keys = list(r.scan_iter(f"{prefix}:*"))
    if keys:
        r.delete(*keys)
    r.close()


@pytest.fixture
def redis_prefix(servers: Servers) -> Iterator[str]:
    prefix = f"test:gateway:{uuid.uuid4().hex}"
    yield prefix
    r = redis.Redis.from_url(servers.redis_url)
    keys = list(r.scan_iter(f"{prefix}:*"))
    if keys:
        r.delete(*keys)
    r.close()


def _admin(keycloak_url: str) -> httpx.Client:
    resp = httpx.post(
        f"{keycloak_url}/realms/master/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "admin-cli",
            "username": "admin",
            "password": "admin",
        },
        timeout=15,
    )
    resp.raise_for_status()
    token = resp.json()["access_token"]
    return httpx.Client(
        base_url=f"{keycloak_url}/admin/realms/{REALM}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=15,
    )


def _mapper(name: str, kind: str, config: dict[str, str]) -> dict[str, Any]:
    return {"name": name, "protocol": "openid-connect", "protocolMapper": kind, "config": config}


@pytest.fixture(scope="module")
def short_lived_client(servers: Servers) -> Iterator[str]:
    """clientId of a public client whose access tokens expire after 3 seconds."""
    client_id = f"it-short-lived-{uuid.uuid4().hex[:8]}"
    attribute = {"access.token.claim": "true", "id.token.claim": "false"}
    representation = {
        "clientId": client_id,
        "publicClient": True,
        "directAccessGrantsEnabled": True,
        "standardFlowEnabled": False,
        "attributes": {"access.token.lifespan": "3"},
        "protocolMappers": [
            _mapper(
                "audience ansinh-gateway",
                "oidc-audience-mapper",
                {"included.client.audience": "ansinh-gateway", **attribute},
            ),
            _mapper(
                "unit_code",
                "oidc-usermodel-attribute-mapper",
                {
                    "user.attribute": "unit_code",
                    "claim.name": "unit_code",
                    "jsonType.label": "String",
                    **attribute,
                },
            ),
        ],
    }
    with _admin(servers.keycloak_url) as admin:
        created = admin.post("/clients", json=representation)
        created.raise_for_status()
        internal_id = created.headers["Location"].rsplit("/", 1)[-1]
    try:
        yield client_id
    finally:
        with _admin(servers.keycloak_url) as admin:
            admin.delete(f"/clients/{internal_id}")
