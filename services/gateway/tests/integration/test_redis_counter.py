"""The fixed-window counter against the real Redis."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from redis.asyncio import Redis

from ansinh_common.testing import Servers
from gateway.adapters.redis_counter import RedisWindowCounter
from gateway.domain.model import RateLimitPolicy
from gateway.service_layer.rate_limiting import RateLimiter

pytestmark = pytest.mark.integration


def test_counts_hits_per_identity_with_window_ttl(servers: Servers, redis_prefix: str) -> None:
    async def run() -> tuple[list[tuple[int, int]], int, int]:
        redis: Redis[Any] = Redis.from_url(servers.redis_url)
        try:
            counter = RedisWindowCounter(redis, redis_prefix)
            hits = [await counter.hit("ip:10.0.0.1", 2) for _ in range(3)]
            other, _ = await counter.hit("ip:10.0.0.2", 2)
            await asyncio.sleep(2.2)  # the window ends: counting starts again
            after, _ = await counter.hit("ip:10.0.0.1", 2)
            return hits, other, after
        finally:
            client: Any = redis
            await client.aclose()

    hits, other, after = asyncio.run(run())
    assert [n for n, _ in hits] == [1, 2, 3]
    assert all(0 < ttl <= 2000 for _, ttl in hits)
    assert other == 1 and after == 1


def test_rate_limiter_refuses_over_the_limit(servers: Servers, redis_prefix: str) -> None:
    async def run() -> list[bool]:
        redis: Redis[Any] = Redis.from_url(servers.redis_url)
        try:
            limiter = RateLimiter(RedisWindowCounter(redis, redis_prefix), RateLimitPolicy(2, 30))
            decisions = [await limiter.check("sub:u1") for _ in range(3)]
            return [d.allowed for d in decisions if d is not None]
        finally:
            client: Any = redis
            await client.aclose()

    assert asyncio.run(run()) == [True, True, False]


def test_fails_open_when_redis_is_unreachable() -> None:
    async def run() -> object:
        redis: Redis[Any] = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
        limiter = RateLimiter(RedisWindowCounter(redis), RateLimitPolicy(1, 30))
        return await limiter.check("ip:x")

    assert asyncio.run(run()) is None
