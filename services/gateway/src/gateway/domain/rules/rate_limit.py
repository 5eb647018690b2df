"""Rate-limit arithmetic of a fixed window (ADR 0004)."""

from __future__ import annotations

import math

from gateway.domain.model import RateLimitDecision, RateLimitPolicy

LEGAL_BASIS = None
"""A technical limit, not a legal rule."""


def decide(policy: RateLimitPolicy, count: int, ttl_ms: int) -> RateLimitDecision:
    """Decide on the ``count``-th request of a fixed window that ends in ``ttl_ms``.

    A missing or negative TTL (the key has just expired) counts as a whole window.
    """
    reset = math.ceil(ttl_ms / 1000) if ttl_ms > 0 else policy.window_seconds
    reset = max(1, min(reset, policy.window_seconds))
    return RateLimitDecision(
        allowed=count <= policy.limit,
        limit=policy.limit,
        remaining=max(0, policy.limit - count),
        reset_seconds=reset,
    )
