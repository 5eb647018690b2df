"""Readiness: run every dependency probe concurrently, each under a timeout."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from gateway.domain.model import CheckResult, ReadinessReport

Probe = Callable[[], Awaitable[None]]
"""Returns when the dependency answers; raises (any exception) when it does not."""


async def _run(name: str, probe: Probe, timeout: float) -> CheckResult:
    try:
        await asyncio.wait_for(probe(), timeout)
    except TimeoutError:
        return CheckResult(name, ok=False, detail=f"không phản hồi trong {timeout:g} giây")
    except Exception as exc:  # noqa: BLE001 — any failure means "not ready"
        return CheckResult(name, ok=False, detail=f"{type(exc).__name__}: {exc}"[:300])
    return CheckResult(name, ok=True)


async def check_readiness(probes: Mapping[str, Probe], timeout: float) -> ReadinessReport:
    """Probe every dependency; the report lists them sorted by name."""
    names = sorted(probes)
    results = await asyncio.gather(*(_run(n, probes[n], timeout) for n in names))
    return ReadinessReport(tuple(results))
