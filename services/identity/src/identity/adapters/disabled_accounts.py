"""The disabled-account list in Redis, read by the gateway on every authenticated request.

Contract with the gateway (docs/identity.md): key ``<prefix><keycloak user id>`` (the access
token's ``sub``) exists ⇔ the account is disabled. Keys expire after ``ttl_seconds`` (at least the
access-token lifespan plus the gateway's leeway, so a flag outlives every token issued before
the account was disabled even if the identity service stops); the periodic sync renews them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from redis import Redis
from redis.exceptions import RedisError

from identity.service_layer.ports import DisabledListUnavailable

DEFAULT_PREFIX = "ansinh:identity:disabled:"


class RedisDisabledAccounts:
    def __init__(self, redis: Redis[Any], *, prefix: str = DEFAULT_PREFIX, ttl_seconds: int = 330):
        self._redis, self._prefix, self._ttl = redis, prefix, ttl_seconds

    def key(self, user_id: str) -> str:
        return self._prefix + user_id

    def mark(self, user_id: str) -> None:
        try:
            self._redis.set(self.key(user_id), "1", ex=self._ttl)
        except RedisError as exc:
            raise DisabledListUnavailable(str(exc)) from exc

    def clear(self, user_id: str) -> None:
        try:
            self._redis.delete(self.key(user_id))
        except RedisError as exc:
            raise DisabledListUnavailable(str(exc)) from exc

    def is_disabled(self, user_id: str) -> bool:
        return bool(self._redis.exists(self.key(user_id)))

    def replace_all(self, user_ids: Iterable[str]) -> None:
        wanted = {self.key(u) for u in user_ids}
        stale = [
            key.decode() if isinstance(key, bytes) else str(key)
            for key in self._redis.scan_iter(match=self._prefix + "*", count=500)
        ]
        pipe = self._redis.pipeline(transaction=False)
        for key in wanted:
            pipe.set(key, "1", ex=self._ttl)
        for key in stale:
            if key not in wanted:
                pipe.delete(key)
        pipe.execute()
