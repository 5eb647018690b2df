"""Value objects of the gateway. Plain Python, no I/O."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RateLimitPolicy:
    """At most ``limit`` requests per ``window_seconds`` for one client identity."""

    limit: int
    window_seconds: int

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window_seconds < 1:
            raise ValueError("rate limit and window must be positive")


@dataclass(frozen=True, slots=True)
class RateLimitDecision:
    """Outcome of counting one request against a :class:`RateLimitPolicy`."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int
    """Seconds until the current window ends (also the ``Retry-After`` when refused)."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One readiness check: the dependency's name, whether it answered, and why not."""

    name: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """All readiness checks; ready only if every one succeeded."""

    checks: tuple[CheckResult, ...]

    @property
    def ready(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.ok)
