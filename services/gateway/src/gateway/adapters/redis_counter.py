"""Fixed-window counter in Redis (atomic INCR + PEXPIRE on first hit, via a Lua script)."""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from gateway.service_layer.rate_limiting import CounterUnavailableError

_HIT = """
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
"""


class RedisWindowCounter:
    """Counts hits per key; the window starts with the first hit and lasts ``window``."""

    def __init__(self, redis: Redis[Any], prefix: str = "ansinh:gateway:ratelimit") -> None:
        self._redis = redis
        self._prefix = prefix
        self._script = redis.register_script(_HIT)

    def key(self, identity: str) -> str:
        return f"{self._prefix}:{identity}"

    async def hit(self, key: str, window_seconds: int) -> tuple[int, int]:
        try:
            count, ttl_ms = await self._script(keys=[self.key(key)], args=[window_seconds * 1000])
        except RedisError as exc:
            raise CounterUnavailableError(str(exc)) from exc
        return int(count), int(ttl_ms)
