"""The dossier service's business metrics (ADR 0023; ``ansinh_dossier_*``).

* ``ansinh_dossier_received_total{procedure, channel}``: dossiers received and committed
  (counted by the entry points: the gRPC ``SubmitDossier``; the provincial sync is to count
  with :func:`count_received` too);
* ``ansinh_dossier_overdue{procedure}``: pending dossiers past their legal deadline, an
  observable gauge of the gRPC server computed at scrape time from its shards
  (``adapters/overdue.py``, at most once per ``OVERDUE_TTL_S``; every procedure of the
  catalog is exported, 0 when none is overdue); the alert ``AnsinhDossiersOverdue``
  (infra/prometheus/alerts.yml) reads it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

from ansinh_common.telemetry.business import business_counter
from dossier.domain.channel import Channel

log = logging.getLogger(__name__)

OVERDUE_METRIC = "ansinh.dossier.overdue"
OVERDUE_TTL_S = 30.0

DOSSIERS_RECEIVED = business_counter(
    "ansinh.dossier.received",
    "dossiers received, by procedure and channel",
    labels=("procedure", "channel"),
)


def count_received(procedure_id: str, channel: Channel) -> None:
    """One dossier received (after its commit); ``channel`` as ``in_person|online|postal``."""
    DOSSIERS_RECEIVED.add(1, procedure=procedure_id, channel=channel.name.lower())


class OverdueGauge:
    """``ansinh_dossier_overdue{procedure}``: ``count()`` called at a scrape when the last
    value is older than ``ttl_s``; on a database error the last value is kept (and logged)."""

    def __init__(
        self,
        count: Callable[[], Mapping[str, int]],
        procedures: Sequence[str],
        *,
        ttl_s: float = OVERDUE_TTL_S,
        meter_provider: metrics.MeterProvider | None = None,
    ) -> None:
        self._count = count
        self._ttl_s = ttl_s
        self._lock = threading.Lock()
        self._values: dict[str, int] = dict.fromkeys(procedures, 0)
        self._at = float("-inf")
        meter = metrics.get_meter("ansinh.dossier", meter_provider=meter_provider)
        meter.create_observable_gauge(
            OVERDUE_METRIC,
            callbacks=[self._observe],
            unit="1",
            description="pending dossiers past their legal deadline, by procedure",
        )

    def values(self) -> dict[str, int]:
        """The counts per procedure (refreshed when older than ``ttl_s``)."""
        with self._lock:
            if time.monotonic() - self._at >= self._ttl_s:
                self._at = time.monotonic()
                try:
                    found = self._count()
                except Exception:  # noqa: BLE001 - a scrape must not fail on a shard outage
                    log.warning("overdue dossiers not counted", exc_info=True)
                else:
                    self._values = {**dict.fromkeys(self._values, 0), **found}
            return dict(self._values)

    def _observe(self, _options: CallbackOptions) -> Iterable[Observation]:
        return [Observation(n, {"procedure": p}) for p, n in sorted(self.values().items())]
