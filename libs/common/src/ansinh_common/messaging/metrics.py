"""Counters of an inbox consumer: applied, skipped as duplicates, retried, dead-lettered.

Exported by the Prometheus reader of ``setup_telemetry`` as
``ansinh_consumer_{processed,duplicates,retries,dead_lettered}_total{consumer_group}`` (each
starts at 0, so alerts and dashboards see the series before the first event) and
``ansinh_consumer_lag{consumer_group, topic}`` (messages behind the end of the topic, summed
over the partitions this process owns; ADR 0023); the same
counts are kept in :class:`ConsumerStats` so that tests and benchmarks read them in-process.
A worker that applies events with no fault shows ``retries == 0`` (issue 10).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from opentelemetry import metrics

from ansinh_common.telemetry.gauges import held_gauge

PROCESSED_METRIC = "ansinh.consumer.processed"
DUPLICATES_METRIC = "ansinh.consumer.duplicates"
RETRIES_METRIC = "ansinh.consumer.retries"
DEAD_LETTERED_METRIC = "ansinh.consumer.dead_lettered"
LAG_METRIC = "ansinh.consumer.lag"


@dataclass
class ConsumerStats:
    """Counts since the consumer started (thread-safe increments)."""

    processed: int = 0
    """Events applied (inbox row and effect committed)."""
    duplicates: int = 0
    """Events skipped because the inbox already had them."""
    retries: int = 0
    """Failed attempts that were tried again (backoff or rewind)."""
    dead_lettered: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)


class ConsumerMetrics:
    """OpenTelemetry counters plus the in-process :class:`ConsumerStats` of one consumer."""

    def __init__(self, group: str, meter_provider: metrics.MeterProvider | None = None) -> None:
        meter = metrics.get_meter("ansinh_common.messaging", meter_provider=meter_provider)
        self._attributes = {"consumer_group": group}
        self._counters = {
            "processed": meter.create_counter(PROCESSED_METRIC, "1", "events applied"),
            "duplicates": meter.create_counter(
                DUPLICATES_METRIC, "1", "events skipped by the inbox (already applied)"
            ),
            "retries": meter.create_counter(RETRIES_METRIC, "1", "failed attempts tried again"),
            "dead_lettered": meter.create_counter(
                DEAD_LETTERED_METRIC, "1", "events sent to the dead-letter topic"
            ),
        }
        self._lag = held_gauge(
            meter, LAG_METRIC, unit="1", description="messages behind the end of the topic"
        )
        for counter in self._counters.values():
            counter.add(0, self._attributes)
        self.stats = ConsumerStats()

    def count(self, name: str) -> None:
        """``name``: processed, duplicates, retries or dead_lettered."""
        self._counters[name].add(1, self._attributes)
        self.stats.add(name)

    def lag(self, topic: str, messages: int) -> None:
        """Set the lag of ``topic`` (summed over this consumer's partitions)."""
        self._lag.set(messages, {**self._attributes, "topic": topic})
