"""Is an account disabled? The list the identity service keeps in Redis (docs/identity.md).

Key ``<prefix><sub>`` exists ⇔ the Keycloak account ``sub`` is disabled. The identity service
sets it at once when it disables an account and re-syncs it from Keycloak every few seconds
(accounts disabled in the Keycloak console). Redis unreachable: the check is skipped (logged);
tokens then stop working at the latest when they expire (access-token lifespan).
"""

from __future__ import annotations

import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class RedisDisabledAccounts:
    def __init__(self, redis: Redis[Any], prefix: str = "ansinh:identity:disabled:") -> None:
        self._redis, self._prefix = redis, prefix

    async def is_disabled(self, subject: str) -> bool:
        try:
            return bool(await self._redis.exists(self._prefix + subject))
        except RedisError as exc:
            log.warning("disabled-account check skipped, Redis unavailable: %s", exc)
            return False
