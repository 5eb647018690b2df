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
    required: bool = True
    """False: an outage leaves the gateway ready, degraded (``domain.readiness``)."""


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """All readiness checks; ready if every required one succeeded (degraded if an optional
    one failed)."""

    checks: tuple[CheckResult, ...]

    @property
    def ready(self) -> bool:
        return all(c.ok or not c.required for c in self.checks)

    @property
    def degraded(self) -> bool:
        return any(not c.ok and not c.required for c in self.checks)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.ok)
