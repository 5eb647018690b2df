"""``python -m payment.entrypoints.worker [--shard s1 ...]``: the entitlement projection from
the registry's events (``entrypoints.registry_consumer``, ADR 0027); wiring in
``payment.bootstrap.build_worker``."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from ansinh_common.logging import configure_logging
from ansinh_common.messaging import run_until_signalled
from ansinh_common.telemetry import setup_telemetry
from payment.bootstrap import build_worker
from payment.config import PaymentSettings

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="payment.entrypoints.worker")
    parser.add_argument("--shard", action="append", default=[], help="shard (repeatable)")
    args = parser.parse_args(argv)
    settings = PaymentSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    setup_telemetry(
        f"{settings.service_name}-worker",
        metrics_port=settings.worker_metrics_port,
        metrics_host=settings.metrics_host,
    )
    runner = build_worker(settings, args.shard)
    log.info("payment projection worker for groups %s", ", ".join(runner.stats()))
    return run_until_signalled(runner)


if __name__ == "__main__":
    raise SystemExit(main())
