"""``python -m registry.entrypoints.worker [--shard s1 ...]``: the registry's shard workers.

What a worker does with each event: ``registry.entrypoints.kafka_consumer``; how it is wired
(shared inbox consumers per shard — registry events, and dossier decisions apart — and the
reconcile of index claims):
``registry.bootstrap.build_worker``; the loop itself: ``ansinh_common.messaging.worker``.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from ansinh_common.logging import configure_logging
from ansinh_common.messaging import run_until_signalled
from ansinh_common.telemetry import setup_telemetry
from registry.bootstrap import build_worker
from registry.config import RegistrySettings

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="registry.entrypoints.worker")
    parser.add_argument("--shard", action="append", default=[], help="shard (repeatable)")
    args = parser.parse_args(argv)
    settings = RegistrySettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    setup_telemetry(
        f"{settings.service_name}-worker",
        metrics_port=settings.worker_metrics_port,
        metrics_host=settings.metrics_host,
    )
    runner = build_worker(settings, args.shard)
    log.info("registry worker for groups %s", ", ".join(runner.stats()))
    return run_until_signalled(runner)


if __name__ == "__main__":
    raise SystemExit(main())
