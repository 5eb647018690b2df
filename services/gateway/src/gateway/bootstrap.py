"""Explicit wiring of the gateway's dependencies (called from the app's lifespan).

Nothing here runs at import time. Tests pass their own Redis/httpx clients or a clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from redis.asyncio import Redis

from ansinh_common.auth.jwt import TokenVerifier
from gateway.adapters.backends import Backends
from gateway.adapters.disabled_accounts import RedisDisabledAccounts
from gateway.adapters.probes import grpc_health_probe, jwks_probe, redis_probe
from gateway.adapters.redis_counter import RedisWindowCounter
from gateway.config import GatewaySettings
from gateway.domain.model import RateLimitPolicy
from gateway.service_layer.rate_limiting import RateLimiter
from gateway.service_layer.readiness import Probe


@dataclass
class Gateway:
    """The wired dependencies of one running gateway."""

    settings: GatewaySettings
    redis: Redis[Any]
    http: httpx.AsyncClient
    verifier: TokenVerifier
    rate_limiter: RateLimiter | None
    backends: Backends = field(default_factory=lambda: Backends({}))
    """The one gRPC client of every route (asyncio channels to each backend)."""
    owns_redis: bool = True
    owns_http: bool = True
    disabled_accounts: RedisDisabledAccounts | None = None
    """Refuses tokens of disabled accounts (None: not checked, e.g. unit tests)."""

    def probes(self) -> dict[str, Probe]:
        """Readiness probes: Redis, Keycloak's JWKS and every configured gRPC backend."""
        timeout = self.settings.readiness_timeout_seconds
        probes: dict[str, Probe] = {
            "redis": redis_probe(self.redis),
            "keycloak_jwks": jwks_probe(self.http, self.verifier.settings.jwks_url),
        }
        for name, channel in self.backends.channels.items():
            probes[f"grpc:{name}"] = grpc_health_probe(channel, timeout)
        return probes

    async def aclose(self) -> None:
        await self.backends.close()
        if self.owns_http:
            await self.http.aclose()
        if self.owns_redis:
            client: Any = self.redis  # the types-redis stubs predate redis 5's aclose()
            await client.aclose()


def bootstrap(
    settings: GatewaySettings,
    *,
    redis: Redis[Any] | None = None,
    http: httpx.AsyncClient | None = None,
    clock: Callable[[], float] = time.time,
) -> Gateway:
    """Build the gateway's clients; must run inside the event loop that will use them."""
    owns_redis, owns_http = redis is None, http is None
    if redis is None:
        redis = Redis.from_url(settings.redis_url)
    if http is None:
        http = httpx.AsyncClient(timeout=settings.readiness_timeout_seconds)
    limiter = None
    if settings.rate_limit_enabled:
        policy = RateLimitPolicy(settings.rate_limit_requests, settings.rate_limit_window_seconds)
        counter = RedisWindowCounter(redis, settings.rate_limit_key_prefix)
        limiter = RateLimiter(counter, policy)
    size = settings.grpc_max_message_bytes
    options = [("grpc.max_receive_message_length", size), ("grpc.max_send_message_length", size)]
    return Gateway(
        settings=settings,
        redis=redis,
        http=http,
        verifier=TokenVerifier(settings.jwt_settings(), redis, http, clock=clock),
        rate_limiter=limiter,
        backends=Backends(settings.grpc_backends, options=options),
        owns_redis=owns_redis,
        owns_http=owns_http,
        disabled_accounts=(
            RedisDisabledAccounts(redis, settings.disabled_account_key_prefix)
            if settings.check_disabled_accounts
            else None
        ),
    )
