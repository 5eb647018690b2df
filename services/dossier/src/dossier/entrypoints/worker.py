"""``python -m dossier.entrypoints.worker [--shard s1 ...]``: the dossier's shard workers:
the registry's answers to decisions (``entrypoints.kafka_consumer``) and the provincial sync
(``entrypoints.provincial_consumers``, ADR 0018); wiring in ``dossier.bootstrap.build_worker``."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from ansinh_common.logging import configure_logging
from ansinh_common.messaging import run_until_signalled
from ansinh_common.telemetry import setup_telemetry
from dossier.bootstrap import build_worker
from dossier.config import DossierSettings

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dossier.entrypoints.worker")
    parser.add_argument("--shard", action="append", default=[], help="shard (repeatable)")
    args = parser.parse_args(argv)
    settings = DossierSettings()
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    setup_telemetry(
        f"{settings.service_name}-worker",
        metrics_port=settings.worker_metrics_port,
        metrics_host=settings.metrics_host,
    )
    runner = build_worker(settings, args.shard)
    log.info("dossier worker for groups %s", ", ".join(runner.stats()))
    return run_until_signalled(runner)


if __name__ == "__main__":
    raise SystemExit(main())
