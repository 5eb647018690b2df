"""TokenVerifier against the real Keycloak (realm ``ansinh``) and the real Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
from redis.asyncio import Redis

from ansinh_common.auth.jwt import JwtSettings, TokenVerifier
from ansinh_common.errors import Unauthenticated
from ansinh_common.testing import Servers

pytestmark = pytest.mark.integration

T = TypeVar("T")


def direct_grant(keycloak_url: str, username: str = "xa.canbo") -> str:
    resp = httpx.post(
        f"{keycloak_url}/realms/ansinh/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "ansinh-gateway",
            "username": username,
            "password": "demo123",
        },
        timeout=10,
    )
    resp.raise_for_status()
    token: str = resp.json()["access_token"]
    return token


def with_verifier(
    servers: Servers,
    prefix: str,
    use: Callable[[TokenVerifier, Redis[Any]], Awaitable[T]],
    **kw: Any,
) -> T:
    async def run() -> T:
        redis: Redis[Any] = Redis.from_url(servers.redis_url)
        settings = JwtSettings(
            keycloak_url=servers.keycloak_url,
            audience="ansinh-gateway",
            redis_key_prefix=prefix,
            **kw,
        )
        async with httpx.AsyncClient() as http:
            try:
                return await use(TokenVerifier(settings, redis, http), redis)
            finally:
                await redis.delete(
                    f"{prefix}:{settings.issuer}", f"{prefix}:{settings.issuer}:refetch"
                )
                client: Any = redis
                await client.aclose()

    return asyncio.run(run())


@pytest.fixture
def prefix() -> str:
    return f"test:jwks:{uuid.uuid4().hex}"


def test_realm_token_is_accepted_and_jwks_cached_in_redis(servers: Servers, prefix: str) -> None:
    token = direct_grant(servers.keycloak_url)

    async def use(verifier: TokenVerifier, redis: Redis[Any]) -> None:
        principal = await verifier.verify(token)
        assert principal.username == "xa.canbo"
        assert principal.unit_code == "00004"
        assert "commune_officer" in principal.roles
        assert verifier.jwks_fetches == 1
        ttl = await redis.ttl(verifier.cache_key)
        assert 0 < ttl <= 600
        await verifier.verify(token)
        assert verifier.jwks_fetches == 1  # second verification: JWKS from Redis, no HTTP call
        other = TokenVerifier(verifier.settings, redis, httpx.AsyncClient())
        await other.verify(token)
        assert other.jwks_fetches == 0  # another replica shares the cache

    with_verifier(servers, prefix, use)


def test_tampered_realm_token_is_rejected(servers: Servers, prefix: str) -> None:
    header, payload, sig = direct_grant(servers.keycloak_url).split(".")
    mid = len(sig) // 2
    tampered = ".".join(
        [header, payload, sig[:mid] + ("A" if sig[mid] != "A" else "B") + sig[mid + 1 :]]
    )

    async def use(verifier: TokenVerifier, redis: Redis[Any]) -> str:
        with pytest.raises(Unauthenticated) as info:
            await verifier.verify(tampered)
        return info.value.detail

    assert with_verifier(servers, prefix, use) == "Chữ ký không hợp lệ."


def test_realm_token_expires_when_the_clock_passes_exp(servers: Servers, prefix: str) -> None:
    token = direct_grant(servers.keycloak_url)
    later = time.time() + 3600

    async def use(verifier: TokenVerifier, redis: Redis[Any]) -> str:
        with pytest.raises(Unauthenticated) as info:
            await TokenVerifier(
                verifier.settings, redis, httpx.AsyncClient(), clock=lambda: later
            ).verify(token)
        return info.value.detail

    assert with_verifier(servers, prefix, use) == "Mã thông báo đã hết hạn."
