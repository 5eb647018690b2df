"""A gateway wired with fakes (no servers): local RSA key + mocked JWKS endpoint, in-memory
Redis stand-in and rate-limit counter. ``make_client(**settings)`` builds a TestClient."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jwt.algorithms import RSAAlgorithm

from ansinh_common.auth.jwt import BlockingTokenVerifier, JwtSettings, TokenVerifier
from gateway.adapters.backends import Backends
from gateway.app import create_app
from gateway.bootstrap import Gateway
from gateway.config import GatewaySettings
from gateway.domain.model import RateLimitPolicy
from gateway.service_layer.rate_limiting import RateLimiter

KEYCLOAK = "http://keycloak.test"
ISSUER = f"{KEYCLOAK}/realms/ansinh"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeRedis:
    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    async def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    async def set(self, key: str, value: str, ex: int | None = None, nx: bool = False) -> bool:
        if nx and key in self.data:
            return False
        self.data[key] = value.encode()
        return True

    async def ping(self) -> bool:
        return True

    async def aclose(self) -> None:
        pass


class MemoryCounter:
    def __init__(self) -> None:
        self.hits: dict[str, int] = {}

    async def hit(self, key: str, window_seconds: int) -> tuple[int, int]:
        self.hits[key] = self.hits.get(key, 0) + 1
        return self.hits[key], window_seconds * 1000


def _jwks(request: httpx.Request) -> httpx.Response:
    jwk = RSAAlgorithm.to_jwk(_KEY.public_key(), as_dict=True)
    return httpx.Response(200, text=json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig"}]}))


def sign(**overrides: Any) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "exp": now + 300,
        "iat": now,
        "iss": ISSUER,
        "aud": ["ansinh-gateway", "ansinh-services"],
        "sub": "user-1",
        "typ": "Bearer",
        "preferred_username": "xa.canbo",
        "roles": ["commune_officer"],
        "unit_code": "00004",
    }
    claims.update(overrides)
    return jwt.encode(claims, _KEY, algorithm="RS256", headers={"kid": "k1"})


@pytest.fixture
def token() -> Callable[..., str]:
    return sign


class FakeSyncRedis:
    """The blocking verifier's JWKS cache, in memory."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: str, ex: int | None = None, nx: bool = False) -> bool:
        if nx and key in self.data:
            return False
        self.data[key] = value.encode()
        return True

    def close(self) -> None:
        pass


@pytest.fixture
def backend_verifier() -> BlockingTokenVerifier:
    """What a backend service verifies callers with (ADR 0011), against the test key."""
    settings = JwtSettings(keycloak_url=KEYCLOAK, audience="ansinh-services")
    http = httpx.Client(transport=httpx.MockTransport(_jwks))
    redis: Any = FakeSyncRedis()
    return BlockingTokenVerifier(settings, redis, http)


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(app_hook: Callable[[FastAPI], None] | None = None, **overrides: Any) -> TestClient:
        settings = GatewaySettings(keycloak_url=KEYCLOAK, **overrides)

        def wire(s: GatewaySettings) -> Gateway:
            redis: Any = FakeRedis()
            http = httpx.AsyncClient(transport=httpx.MockTransport(_jwks))
            limiter = None
            if s.rate_limit_enabled:
                policy = RateLimitPolicy(s.rate_limit_requests, s.rate_limit_window_seconds)
                limiter = RateLimiter(MemoryCounter(), policy)
            verifier = TokenVerifier(s.jwt_settings(), redis, http)
            return Gateway(s, redis, http, verifier, limiter, Backends(s.grpc_backends))

        app = create_app(settings, bootstrapper=wire, instrument=False)
        if app_hook is not None:
            app_hook(app)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
