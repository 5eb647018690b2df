"""Gauges that keep their last value until set again.

OpenTelemetry's synchronous gauge forgets a label set's value after each collection, so a
Prometheus scrape between two updates would find the series gone (and mark it stale). A
:class:`HeldGauge` is an observable gauge reporting the last value of every label set at each
scrape instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation


class HeldGauge:
    """``gauge.set(value, {"database": "s1"})``; every scrape sees the last value per label set."""

    def __init__(self, meter: metrics.Meter, name: str, unit: str, description: str) -> None:
        self._lock = threading.Lock()
        self._values: dict[tuple[tuple[str, str], ...], float] = {}
        meter.create_observable_gauge(
            name, callbacks=[self._observe], unit=unit, description=description
        )

    def set(self, value: float, attributes: Mapping[str, str]) -> None:
        with self._lock:
            self._values[tuple(sorted(attributes.items()))] = value

    def _observe(self, _options: CallbackOptions) -> Iterable[Observation]:
        with self._lock:
            values = list(self._values.items())
        return [Observation(value, dict(key)) for key, value in values]


def held_gauge(meter: metrics.Meter, name: str, *, unit: str, description: str) -> HeldGauge:
    """A :class:`HeldGauge` named ``name`` on ``meter``."""
    return HeldGauge(meter, name, unit, description)
