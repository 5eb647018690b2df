"""``python -m ansinh_common.messaging.relay``: relay the outboxes of one service's databases.

Databases: ``--db-url`` (repeatable) or, if none is given, ``ANSINH_SHARDS`` and
``ANSINH_GLOBAL_DB_URL``. Stops gracefully on SIGTERM/SIGINT (finishes the current batch).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
from collections.abc import Sequence
from types import FrameType

from ansinh_common.db.engine import create_shard_engine
from ansinh_common.db.targets import DatabaseTarget, targets_from_env
from ansinh_common.messaging.kafka import create_idempotent_producer
from ansinh_common.messaging.relay.core import OutboxRelay
from ansinh_common.telemetry import setup_telemetry

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ansinh_common.messaging.relay")
    parser.add_argument("--db-url", action="append", default=[], help="database (repeatable)")
    parser.add_argument(
        "--bootstrap",
        default=os.environ.get("ANSINH_KAFKA_BOOTSTRAP", "127.0.0.1:59092"),
        help="Kafka bootstrap servers",
    )
    parser.add_argument(
        "--service-name",
        default=os.environ.get("ANSINH_SERVICE_NAME", "ansinh"),
        help="service.name of the relay's spans",
    )
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--poll-interval", type=float, default=0.5, help="seconds")
    parser.add_argument("--once", action="store_true", help="relay one batch per db and exit")
    return parser.parse_args(argv)


def _targets(args: argparse.Namespace) -> list[DatabaseTarget]:
    if args.db_url:
        return [DatabaseTarget(f"db{i}", url) for i, url in enumerate(args.db_url, 1)]
    targets = targets_from_env()
    if not targets:
        raise SystemExit("no database: pass --db-url or set ANSINH_SHARDS")
    return targets


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = parse_args(argv)
    setup_telemetry(f"{args.service_name}-outbox-relay")
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping after the current batch", signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    relays = [
        OutboxRelay(
            create_shard_engine(t.url, application_name=f"outbox-relay-{t.name}", pool_size=1),
            lambda: create_idempotent_producer(args.bootstrap),
            batch_size=args.batch_size,
        )
        for t in _targets(args)
    ]
    if args.once:
        for relay in relays:
            relay.relay_once()
        return 0
    threads = [
        threading.Thread(target=relay.run, args=(stop, args.poll_interval), name=f"relay-{i}")
        for i, relay in enumerate(relays, 1)
    ]
    for thread in threads:
        thread.start()
    log.info("outbox relay running for %d database(s)", len(relays))
    while any(thread.is_alive() for thread in threads):
        for thread in threads:
            thread.join(timeout=0.5)
    return 0
