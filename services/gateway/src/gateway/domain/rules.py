"""Rules of the gateway: rate-limit arithmetic and request-id acceptance."""

from __future__ import annotations

import math
import re
import uuid

from gateway.domain.model import RateLimitDecision, RateLimitPolicy

_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")


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


def accept_request_id(value: str | None) -> str | None:
    """The caller's ``X-Request-ID`` if it is safe to echo and log (1–128 plain chars)."""
    if value is None:
        return None
    value = value.strip()
    return value if _REQUEST_ID.fullmatch(value) else None


def new_request_id() -> str:
    """A fresh request id (UUID4, 32 hex digits)."""
    return uuid.uuid4().hex
