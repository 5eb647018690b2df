"""Background loop: copy Keycloak's disabled accounts to the gateway's list every few seconds.

Accounts disabled through this service are flagged at once; this loop also catches accounts
disabled (or re-enabled) directly in the Keycloak admin console, within one interval.
"""

from __future__ import annotations

import logging
import threading

from redis.exceptions import RedisError

from ansinh_common.errors import DomainError
from identity.service_layer.dependencies import Services
from identity.service_layer.handlers import sync_disabled_accounts

log = logging.getLogger(__name__)


class DisabledAccountSync:
    def __init__(self, services: Services, interval_seconds: float) -> None:
        self._services, self._interval = services, interval_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="disabled-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def run_once(self) -> int:
        return sync_disabled_accounts(self._services)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except (DomainError, RedisError):  # keep trying: Keycloak or Redis may come back
                log.warning("disabled-account sync failed", exc_info=True)
            self._stop.wait(self._interval)
