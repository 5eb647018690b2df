"""gRPC health that follows the service's dependencies (its databases), not a constant.

``HealthWatch`` runs every check every ``interval_s`` seconds in a daemon thread and sets the
server's ``grpc.health.v1`` status for ``""`` and each service name: SERVING when every check
passed, NOT_SERVING while one fails (ADR 0008). During a graceful stop the health servicer
ignores further changes, so the watch cannot undo the NOT_SERVING of the shutdown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence

import sqlalchemy as sa
from grpc_health.v1 import health, health_pb2

log = logging.getLogger(__name__)

Check = Callable[[], None]
"""Returns when the dependency answers; raises when it does not."""

DEFAULT_INTERVAL_S = 1.0


def database_check(engine: sa.Engine) -> Check:
    """``SELECT 1`` on a pooled connection of ``engine``."""

    def check() -> None:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))

    return check


class HealthWatch:
    """Keeps ``servicer``'s status in step with ``checks`` (name → check)."""

    def __init__(
        self,
        servicer: health.HealthServicer,
        checks: Mapping[str, Check],
        service_names: Sequence[str] = (),
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
    ) -> None:
        self._servicer = servicer
        self._checks = dict(checks)
        self._names = ("", *service_names)
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failing: tuple[str, ...] = ()
        """Names of the checks that failed in the last round."""

    def check_once(self) -> bool:
        """Run every check, set the status; True if serving."""
        failing = []
        for name, check in self._checks.items():
            try:
                check()
            except Exception as exc:  # noqa: BLE001 - any failure means "not serving"
                failing.append(name)
                if name not in self.failing:
                    log.warning("health: %s unavailable (%s)", name, type(exc).__name__)
        if self.failing and not failing:
            log.info("health: every dependency answers again")
        self.failing = tuple(failing)
        status = (
            health_pb2.HealthCheckResponse.NOT_SERVING
            if failing
            else health_pb2.HealthCheckResponse.SERVING
        )
        for service in self._names:
            self._servicer.set(service, status)
        return not failing

    def start(self) -> HealthWatch:
        self.check_once()
        self._thread = threading.Thread(target=self._loop, name="health-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self._interval_s + 5)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            self.check_once()
