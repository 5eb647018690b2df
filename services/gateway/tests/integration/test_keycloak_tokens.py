"""End to end through the gateway with tokens issued by the real Keycloak."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from ansinh_common.testing import Servers
from gateway.bootstrap import Gateway

pytestmark = pytest.mark.integration

GatewayClient = Callable[..., TestClient]
PROBLEM = "application/problem+json"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    parsed: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return parsed


def test_realm_token_is_accepted_end_to_end(
    gateway_client: GatewayClient, realm_token: Callable[..., str]
) -> None:
    client = gateway_client()
    resp = client.get(
        "/api/v1/me", headers={**bearer(realm_token("xa.canbo")), "X-Request-ID": "it-me-1"}
    )
    assert resp.status_code == 200, resp.text
    me = resp.json()
    assert me["username"] == "xa.canbo" and me["unit_code"] == "00004"
    assert me["roles"] == ["commune_officer"]  # Keycloak's built-in roles are dropped
    assert resp.headers["x-request-id"] == "it-me-1"


def test_jwks_is_cached_in_redis(
    gateway_client: GatewayClient, realm_token: Callable[..., str], servers: Servers
) -> None:
    client = gateway_client(jwks_cache_ttl_seconds=600)
    gateway: Gateway = client.app.state.gateway  # type: ignore[attr-defined]
    token = realm_token()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert gateway.verifier.jwks_fetches == 1
    r = redis.Redis.from_url(servers.redis_url)
    cached = r.get(gateway.verifier.cache_key)
    ttl = r.ttl(gateway.verifier.cache_key)
    r.close()
    assert cached is not None and b'"keys"' in cached
    assert 0 < ttl <= 600
    for _ in range(3):
        assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert gateway.verifier.jwks_fetches == 1  # later verifications: no HTTP call to Keycloak


def test_tampered_token_is_401_problem(
    gateway_client: GatewayClient, realm_token: Callable[..., str]
) -> None:
    client = gateway_client()
    header, payload, signature = realm_token().split(".")
    mid = len(signature) // 2
    flipped = signature[:mid] + ("A" if signature[mid] != "A" else "B") + signature[mid + 1 :]
    forged_claims = {**claims_of(f"{header}.{payload}.x"), "unit_code": "01"}  # claim another unit
    forged = base64.urlsafe_b64encode(json.dumps(forged_claims).encode()).rstrip(b"=").decode()
    for token in (f"{header}.{payload}.{flipped}", f"{header}.{forged}.{signature}"):
        resp = client.get("/api/v1/me", headers=bearer(token))
        assert resp.status_code == 401 and resp.headers["content-type"] == PROBLEM
        problem = resp.json()
        assert problem["detail"] == "Chữ ký không hợp lệ."
        assert problem["title"] == "Xác thực không thành công"


def test_genuinely_expired_token_is_401_problem(
    gateway_client: GatewayClient, realm_token: Callable[..., str], short_lived_client: str
) -> None:
    client = gateway_client(token_leeway_seconds=0)
    token = realm_token("xa.canbo", client_id=short_lived_client)
    exp = claims_of(token)["exp"]
    assert exp - time.time() <= 5  # the client's 3-second lifespan applies
    fresh = client.get("/api/v1/me", headers=bearer(token))
    assert fresh.status_code == 200 and fresh.json()["unit_code"] == "00004"
    time.sleep(max(0.0, exp - time.time()) + 1.2)
    resp = client.get("/api/v1/me", headers=bearer(token))
    assert resp.status_code == 401 and resp.headers["content-type"] == PROBLEM
    assert resp.json()["detail"] == "Mã thông báo đã hết hạn."
    assert resp.headers["www-authenticate"].startswith("Bearer")


def test_rate_limit_in_redis_returns_429(
    gateway_client: GatewayClient, realm_token: Callable[..., str], servers: Servers
) -> None:
    client = gateway_client(rate_limit_requests=3, rate_limit_window_seconds=60)
    token = realm_token()
    statuses = [client.get("/api/v1/me", headers=bearer(token)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = client.get("/api/v1/me", headers=bearer(token))
    assert limited.status_code == 429 and limited.headers["content-type"] == PROBLEM
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.json()["title"] == "Quá nhiều yêu cầu"
    gateway: Gateway = client.app.state.gateway  # type: ignore[attr-defined]
    subject = client.get("/api/v1/me", headers=bearer(realm_token("tinh.hanoi"))).json()["subject"]
    assert subject  # another user still has requests left
    r = redis.Redis.from_url(servers.redis_url)
    keys = [k.decode() for k in r.scan_iter(gateway.settings.rate_limit_key_prefix + ":*")]
    r.close()
    assert len(keys) == 2 and all(k.split(":")[-2] == "sub" for k in keys)


def test_readyz_with_real_servers(gateway_client: GatewayClient) -> None:
    resp = gateway_client().get("/readyz")
    assert resp.status_code == 200, resp.text
    assert resp.json()["checks"] == {"keycloak_jwks": "ok", "redis": "ok"}


def test_readyz_reports_unreachable_backend(gateway_client: GatewayClient) -> None:
    client = gateway_client(grpc_backends={"registry": "127.0.0.1:1"}, readiness_timeout_seconds=1)
    resp = client.get("/readyz")
    assert resp.status_code == 503 and resp.headers["content-type"] == PROBLEM
    assert [e["field"] for e in resp.json()["errors"]] == ["grpc:registry"]
