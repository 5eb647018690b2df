"""``python -m reporting.entrypoints.worker``: builds the read models from the events."""

from __future__ import annotations

import logging

from ansinh_common.logging import configure_logging
from ansinh_common.messaging import run_until_signalled
from ansinh_common.telemetry import setup_telemetry
from reporting.bootstrap import build_worker
from reporting.config import ReportingSettings

log = logging.getLogger(__name__)


def main() -> int:
    settings = ReportingSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    setup_telemetry(
        f"{settings.service_name}-worker",
        metrics_port=settings.worker_metrics_port,
        metrics_host=settings.metrics_host,
    )
    runner = build_worker(settings)
    log.info("reporting read-model worker for groups %s", ", ".join(runner.stats()))
    return run_until_signalled(runner)


if __name__ == "__main__":
    raise SystemExit(main())
