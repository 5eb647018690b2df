"""``python -m ansinh_common.messaging.relay``: relay the outboxes of one service's databases.

Databases, one of:

* ``--settings dossier.config:DossierSettings``: the service's own settings class (its
  development defaults; ``ANSINH_SHARDS`` / ``ANSINH_GLOBAL_DB_URL`` override them as for the
  service), i.e. every shard plus the global database if that has an ``outbox`` table; Kafka
  from its ``kafka_bootstrap`` and the spans' service name from its ``service_name`` unless
  ``--bootstrap`` / ``--service-name`` are given;
* ``--db-url`` (repeatable);
* neither: ``ANSINH_SHARDS`` and ``ANSINH_GLOBAL_DB_URL``.

``--metrics-port`` (or ``ANSINH_RELAY_METRICS_PORT``; 0 = any free port) serves ``/metrics``
with the backlog, relay lag and reachability of each database
(``ansinh_common.messaging.relay.metrics``), on ``ANSINH_METRICS_HOST`` (default 127.0.0.1).

Stops gracefully on SIGTERM/SIGINT (finishes the current batch).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
from collections.abc import Sequence
from types import FrameType

import sqlalchemy as sa

from ansinh_common.db.engine import create_shard_engine
from ansinh_common.db.targets import DatabaseTarget, targets_from_env, targets_from_settings
from ansinh_common.messaging.kafka import create_idempotent_producer
from ansinh_common.messaging.relay.core import OutboxRelay
from ansinh_common.messaging.tables import OUTBOX
from ansinh_common.settings import ServiceSettings, load_settings_class
from ansinh_common.telemetry import setup_telemetry

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ansinh_common.messaging.relay")
    databases = parser.add_mutually_exclusive_group()
    databases.add_argument("--db-url", action="append", default=[], help="database (repeatable)")
    databases.add_argument(
        "--settings", help="the service's settings class, e.g. dossier.config:DossierSettings"
    )
    parser.add_argument(
        "--bootstrap",
        help="Kafka bootstrap servers (default: the settings' kafka_bootstrap, else "
        "ANSINH_KAFKA_BOOTSTRAP or 127.0.0.1:59092)",
    )
    parser.add_argument(
        "--service-name",
        help="service.name of the relay's spans (default: the settings' service_name, else "
        "ANSINH_SERVICE_NAME or ansinh)",
    )
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--poll-interval", type=float, default=0.5, help="seconds")
    parser.add_argument(
        "--metrics-port",
        type=int,
        default=_env_port("ANSINH_RELAY_METRICS_PORT"),
        help="serve Prometheus /metrics on this port (default: ANSINH_RELAY_METRICS_PORT, none)",
    )
    parser.add_argument("--once", action="store_true", help="relay one batch per db and exit")
    return parser.parse_args(argv)


def _env_port(name: str) -> int | None:
    value = os.environ.get(name)
    return int(value) if value else None


def _targets(args: argparse.Namespace, settings: ServiceSettings | None) -> list[DatabaseTarget]:
    if args.db_url:
        return [DatabaseTarget(f"db{i}", url) for i, url in enumerate(args.db_url, 1)]
    targets = targets_from_settings(settings) if settings is not None else targets_from_env()
    if not targets:
        raise SystemExit("no database: pass --settings or --db-url, or set ANSINH_SHARDS")
    return targets


def _has_outbox(engine: sa.Engine) -> bool:
    with engine.connect() as conn:
        return sa.inspect(conn).has_table(OUTBOX)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = parse_args(argv)
    settings = load_settings_class(args.settings)() if args.settings else None
    bootstrap: str = args.bootstrap or (
        settings.kafka_bootstrap
        if settings is not None
        else os.environ.get("ANSINH_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
    )
    service_name: str = args.service_name or (
        settings.service_name
        if settings is not None
        else os.environ.get("ANSINH_SERVICE_NAME", "ansinh")
    )
    telemetry = setup_telemetry(
        f"{service_name}-outbox-relay",
        metrics_port=args.metrics_port,
        metrics_host=os.environ.get("ANSINH_METRICS_HOST", "127.0.0.1"),
    )
    if telemetry.metrics_port is not None:
        log.info("relay metrics on port %d", telemetry.metrics_port)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping after the current batch", signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    relays = []
    security = settings.kafka_client_config() if settings is not None else {}
    for target in _targets(args, settings):
        engine = create_shard_engine(
            target.url, application_name=f"outbox-relay-{target.name}", pool_size=1
        )
        if settings is not None and target.is_global and not _has_outbox(engine):
            log.info("the global database has no %s table: not relayed", OUTBOX)
            engine.dispose()
            continue
        relays.append(
            OutboxRelay(
                engine,
                lambda: create_idempotent_producer(bootstrap, **security),
                batch_size=args.batch_size,
                database=target.name,
            )
        )
    if not relays:
        raise SystemExit("no database with an outbox to relay")
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
