"""The registry worker of one shard: the move saga's steps and the index reconcile, from Kafka.

``python -m registry.entrypoints.worker --shard s1`` consumes
``ansinh.registry.beneficiary.v1`` in the consumer group ``registry-s1`` with an inbox in
that shard (``InboxConsumer``: inbox row and effect in one transaction). Every shard's worker
sees every event and acts on the part that belongs to its provinces:

* ``MoveRequested`` (origin) → MoveOut, ``BeneficiaryMovedOut`` with the history;
* ``BeneficiaryMovedOut`` (destination) → the new record, ``BeneficiaryMovedIn``
  (or ``MoveInRejected``);
* ``BeneficiaryMovedIn`` (origin) → ``MoveCompleted``; (destination) → index relocated;
* ``MoveInRejected`` (origin) → ``MoveCancelled``;
* any event about a record of this shard → the global index checked against the record
  after the commit (``adapters.index_sync``).

Unconfirmed index claims older than five minutes are settled every minute.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta
from types import FrameType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.db import ShardRouter, UnknownProvinceError
from ansinh_common.logging import configure_logging
from ansinh_common.messaging import Envelope, InboxConsumer
from ansinh_common.telemetry import setup_telemetry
from registry.adapters import records as store
from registry.adapters.index_sync import plan_sync, reconcile_unconfirmed
from registry.adapters.messages import event_from_bytes
from registry.adapters.unit_of_work import after_outer_transaction, uow_factory
from registry.bootstrap import message_bus
from registry.config import RegistrySettings
from registry.domain import events

log = logging.getLogger(__name__)

RECONCILE_EVERY_S = 60.0
RECONCILE_OLDER_THAN = timedelta(minutes=5)


class ShardWorker:
    """Applies the registry's events that concern ``shard``."""

    def __init__(
        self,
        router: ShardRouter,
        shard: str,
        *,
        topic: str,
        units: UnitTree | None = None,
    ) -> None:
        self.router = router
        self.shard = shard
        self.topic = topic
        self.units = units or CatalogUnitTree()

    def owns(self, province_code: str) -> bool:
        try:
            return self.router.shard_for(province_code) == self.shard
        except UnknownProvinceError:
            return False

    def handle(self, session: Session, envelope: Envelope) -> None:
        """The InboxConsumer handler: runs inside the transaction that records the inbox row."""
        try:
            event = event_from_bytes(envelope.type, envelope.data)
        except KeyError:
            log.info("worker %s: ignoring event type %s", self.shard, envelope.type)
            return
        bus = message_bus(uow_factory(self.router, self.topic, session), units=self.units)
        saga_province = _saga_province(event)
        if saga_province is not None and self.owns(saga_province):
            bus.handle(event)
        for record_id in self._records_to_sync(event):
            self._sync_after_commit(session, record_id)

    def _records_to_sync(self, event: events.Event) -> list[str]:
        if isinstance(event, events.BeneficiaryMovedOut | events.MoveInRejected):
            return []  # about the origin record, synced on its own events
        return [event.record_id] if self.owns(event.province_code) else []

    def _sync_after_commit(self, session: Session, record_id: str) -> None:
        record = store.load_records(session, [record_id]).get(record_id)
        if record is None:
            return
        run = plan_sync(record)
        if run is None:
            return
        engine = self.router.global_engine()

        def sync() -> None:
            _safely(run, engine)

        after_outer_transaction(session, on_commit=sync, on_rollback=lambda: None)

    def consumer(self, bootstrap_servers: str, group_prefix: str, **security: str) -> InboxConsumer:
        """``security``: ``settings.kafka_client_config()`` (SASL/SCRAM in production)."""
        config: dict[str, Any] = dict(security)
        return InboxConsumer(
            bootstrap=bootstrap_servers,
            group_id=f"{group_prefix}-{self.shard}",
            topics=[self.topic],
            handler=self.handle,
            session_scope=lambda _envelope: self.router.shard_session(self.shard),
            **config,
        )


def _saga_province(event: events.Event) -> str | None:
    """The province whose shard runs the saga step of ``event`` (None: no step)."""
    if isinstance(event, events.MoveRequested | events.MoveInRejected):
        return event.province_code
    if isinstance(event, events.BeneficiaryMovedOut):
        return event.destination.province_code
    if isinstance(event, events.BeneficiaryMovedIn):
        return event.origin_province_code
    return None


def _safely(run: Callable[[Engine], None], engine: Engine) -> None:
    try:
        run(engine)
    except Exception:  # the next event of the record, or the reconcile, tries again
        log.exception("index sync failed")


def run_workers(settings: RegistrySettings, shards: Sequence[str], stop: threading.Event) -> None:
    """One consumer thread per shard plus the reconcile loop, until ``stop`` is set."""
    router = ShardRouter.from_settings(settings)
    consumers = [
        ShardWorker(router, shard, topic=settings.beneficiary_topic).consumer(
            settings.kafka_bootstrap, settings.consumer_group, **settings.kafka_client_config()
        )
        for shard in shards
    ]
    threads = [
        threading.Thread(target=c.run, name=f"consumer-{s}")
        for c, s in zip(consumers, shards, strict=True)
    ]
    for thread in threads:
        thread.start()
    try:
        while not stop.wait(RECONCILE_EVERY_S):
            for shard in shards:
                try:
                    reconcile_unconfirmed(router, older_than=RECONCILE_OLDER_THAN, shard=shard)
                except Exception:
                    log.exception("reconcile of unconfirmed claims failed")
    finally:
        for consumer in consumers:
            consumer.stop()
        for thread in threads:
            thread.join(timeout=30)
        router.dispose()


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
    shards = args.shard or settings.worker_shards or sorted(settings.shards)
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("registry worker for shards %s", ", ".join(shards))
    run_workers(settings, shards, stop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
