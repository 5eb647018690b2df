"""``python -m payment.entrypoints.rebuild --province 01 [--province 04 ...]``: rebuild the
entitlement projection of provinces from the registry's payment snapshot (ADR 0027).

Run it on a new (or emptied) payment shard, then start the worker
(``payment.entrypoints.worker``): the events after the snapshot come through its consumer
group (a new group reads the topic from the start; older versions are ignored). Wiring in
``payment.bootstrap.rebuild_projection``.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from ansinh_common.logging import configure_logging
from payment.bootstrap import rebuild_projection
from payment.config import PaymentSettings

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="payment.entrypoints.rebuild")
    parser.add_argument("--province", action="append", required=True, help="repeatable")
    args = parser.parse_args(argv)
    settings = PaymentSettings()
    configure_logging(f"{settings.service_name}-rebuild", settings.log_level)
    for report in rebuild_projection(settings, args.province):
        log.info(
            "province %s: %d records read, %d applied; snapshot at outbox position %d, %s",
            report.province_code, report.records, report.applied, report.outbox_position,
            report.taken_at.isoformat() if report.taken_at else "-",
        )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
