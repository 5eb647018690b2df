"""Readiness: run every dependency probe concurrently, each under a timeout."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from gateway.domain.model import CheckResult, ReadinessReport
from gateway.domain.readiness import required

Probe = Callable[[], Awaitable[None]]
"""Returns when the dependency answers; raises (any exception) when it does not."""


async def _run(name: str, probe: Probe, timeout: float) -> CheckResult:
    needed = required(name)
    try:
        await asyncio.wait_for(probe(), timeout)
    except TimeoutError:
        detail = f"không phản hồi trong {timeout:g} giây"
        return CheckResult(name, ok=False, detail=detail, required=needed)
    except Exception as exc:  # noqa: BLE001 — any failure means "not available"
        detail = f"{type(exc).__name__}: {exc}"[:300]
        return CheckResult(name, ok=False, detail=detail, required=needed)
    return CheckResult(name, ok=True, required=needed)


async def check_readiness(probes: Mapping[str, Probe], timeout: float) -> ReadinessReport:
    """Probe every dependency; the report lists them sorted by name, each marked required
    or fail-open by ``domain.readiness``."""
    names = sorted(probes)
    results = await asyncio.gather(*(_run(n, probes[n], timeout) for n in names))
    return ReadinessReport(tuple(results))
