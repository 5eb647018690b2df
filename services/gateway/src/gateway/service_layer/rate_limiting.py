"""Rate limiting per client identity (principal subject, else client IP)."""

from __future__ import annotations

import logging
from typing import Protocol

from gateway.domain.errors import RateLimited
from gateway.domain.model import RateLimitDecision, RateLimitPolicy
from gateway.domain.rules import decide

log = logging.getLogger(__name__)


class WindowCounter(Protocol):
    """Counts hits in a fixed window shared by every gateway replica."""

    async def hit(self, key: str, window_seconds: int) -> tuple[int, int]:
        """Count one hit on ``key``; return (hits in the window, ms until it ends)."""
        ...


class CounterUnavailableError(Exception):
    """The counter's store did not answer."""


class RateLimiter:
    """Applies a :class:`RateLimitPolicy`; fails open when the counter is unavailable."""

    def __init__(self, counter: WindowCounter, policy: RateLimitPolicy) -> None:
        self._counter = counter
        self.policy = policy

    async def check(self, identity: str) -> RateLimitDecision | None:
        """Count a request of ``identity``; None if the counter could not be reached."""
        try:
            count, ttl_ms = await self._counter.hit(identity, self.policy.window_seconds)
        except CounterUnavailableError:
            log.warning("rate-limit counter unavailable; request let through")
            return None
        return decide(self.policy, count, ttl_ms)

    async def enforce(self, identity: str) -> RateLimitDecision | None:
        """Like :meth:`check` but raises :class:`RateLimited` when over the limit."""
        decision = await self.check(identity)
        if decision is not None and not decision.allowed:
            raise RateLimited(decision.reset_seconds)
        return decision
