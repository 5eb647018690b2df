"""Business counters: what the platform did, in the domain's words (dossiers received, import
rows, payment lines generated), exported next to the technical metrics.

Declare one counter per fact at module level, with its label names and the label values it
starts with, and add to it where the fact is committed::

    IMPORT_ROWS = business_counter(
        "ansinh.registry.import.rows", "rows of Excel imports", labels=("outcome",),
        initial=[{"outcome": o} for o in ("applied", "rejected", "checked")],
    )
    IMPORT_ROWS.add(report.rows_applied, outcome="applied")

Prometheus name: dots become underscores and ``_total`` is added
(``ansinh_registry_import_rows_total{outcome}``). Every declared label set starts at 0 as soon
as the process exports metrics (``setup_telemetry(metrics_port=...)``), so a dashboard panel or
an alert sees the series before the first event. Labels must have few values (a province, a
procedure, a channel, an outcome), never a person, a record or a dossier id.

The counter names of every service are listed in ADR 0023 and docs/operations.md.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from opentelemetry import metrics

_lock = threading.Lock()
_declared: list[BusinessCounter] = []
_exporting: list[bool] = []  # one element once the process exports metrics


class BusinessCounter:
    """A monotonic counter of a business fact with a fixed set of label names."""

    def __init__(
        self,
        name: str,
        description: str,
        labels: Iterable[str],
        initial: Iterable[Mapping[str, str]],
        meter_provider: metrics.MeterProvider | None = None,
    ) -> None:
        self.name = name
        self._meter_provider = meter_provider
        self.description = description
        self.labels = tuple(labels)
        self.initial = [dict(attrs) for attrs in initial]
        for attrs in self.initial:
            self._check(attrs)
        self._counter: metrics.Counter | None = None

    def add(self, amount: int = 1, **labels: str) -> None:
        """Count ``amount`` (≥ 0) occurrences with exactly the declared labels."""
        if amount < 0:
            raise ValueError(f"{self.name}: a counter only goes up (got {amount})")
        self._check(labels)
        self.instrument().add(amount, labels)

    def instrument(self) -> metrics.Counter:
        """The OpenTelemetry counter (created on first use, from the global meter provider)."""
        if self._counter is None:
            meter = metrics.get_meter("ansinh_common.business", meter_provider=self._meter_provider)
            self._counter = meter.create_counter(self.name, unit="1", description=self.description)
        return self._counter

    def start_at_zero(self) -> None:
        """Export every declared label set with the value 0."""
        for attrs in self.initial:
            self.instrument().add(0, attrs)

    def _check(self, labels: Mapping[str, str]) -> None:
        if set(labels) != set(self.labels):
            raise ValueError(f"{self.name}: labels {sorted(labels)} != {sorted(self.labels)}")


def business_counter(
    name: str,
    description: str,
    *,
    labels: Iterable[str] = (),
    initial: Iterable[Mapping[str, str]] = (),
    meter_provider: metrics.MeterProvider | None = None,
) -> BusinessCounter:
    """Declare a business counter (``name`` like ``ansinh.<service>.<fact>``; the global meter
    provider unless ``meter_provider`` is given, e.g. in a test)."""
    counter = BusinessCounter(name, description, labels, initial, meter_provider)
    with _lock:
        _declared.append(counter)
        exporting = bool(_exporting)
    if exporting:
        counter.start_at_zero()
    return counter


def start_business_counters() -> None:
    """Called by ``setup_telemetry`` once metrics are exported: every counter declared so far
    (and every one declared later) starts its label sets at 0."""
    with _lock:
        if _exporting:
            return
        _exporting.append(True)
        declared = list(_declared)
    for counter in declared:
        counter.start_at_zero()


def declared_counters() -> list[BusinessCounter]:
    """Every counter declared in this process (documentation and tests)."""
    with _lock:
        return list(_declared)
