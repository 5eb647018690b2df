"""Gauges and counters of the outbox relay, per database it relays (ADR 0023).

Exported by the relay process's ``/metrics`` (``--metrics-port``) as

* ``ansinh_outbox_backlog{database}``: outbox rows not yet published;
* ``ansinh_outbox_relay_lag_seconds{database}``: age of the oldest unpublished row (0 when the
  outbox is empty), i.e. how late consumers see what was committed;
* ``ansinh_outbox_published_total{database}``: rows published and marked sent;
* ``ansinh_database_up{database}``: 1 when the relay's last query on the database worked,
  0 when it failed (an unreachable shard).

``database`` is the shard name (``s1`` …, ``global``): a handful of values per service.
"""

from __future__ import annotations

from opentelemetry import metrics

from ansinh_common.telemetry.gauges import held_gauge

BACKLOG_METRIC = "ansinh.outbox.backlog"
LAG_METRIC = "ansinh.outbox.relay.lag"
PUBLISHED_METRIC = "ansinh.outbox.published"
DATABASE_UP_METRIC = "ansinh.database.up"


class RelayMetrics:
    """The relay's instruments for one database (created here, not at import)."""

    def __init__(self, database: str, meter_provider: metrics.MeterProvider | None = None) -> None:
        meter = metrics.get_meter("ansinh_common.messaging.relay", meter_provider=meter_provider)
        self._attributes = {"database": database}
        self._backlog = held_gauge(
            meter, BACKLOG_METRIC, unit="1", description="outbox rows not yet published"
        )
        self._lag = held_gauge(
            meter, LAG_METRIC, unit="s", description="age of the oldest unpublished outbox row"
        )
        self._published = meter.create_counter(
            PUBLISHED_METRIC, unit="1", description="outbox rows published to Kafka"
        )
        self._up = held_gauge(
            meter,
            DATABASE_UP_METRIC,
            unit="1",
            description="1 if the last query on the database worked",
        )
        self._published.add(0, self._attributes)

    def published(self, rows: int) -> None:
        self._published.add(rows, self._attributes)

    def sampled(self, backlog: int, lag_seconds: float) -> None:
        self._backlog.set(backlog, self._attributes)
        self._lag.set(lag_seconds, self._attributes)
        self._up.set(1, self._attributes)

    def unreachable(self) -> None:
        self._up.set(0, self._attributes)
