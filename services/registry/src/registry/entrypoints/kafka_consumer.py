"""The registry's Kafka entrypoint: what one shard's worker does with each event.

Every shard's worker sees every event of ``ansinh.registry.beneficiary.v1`` (consumer group
``<prefix>-<shard>``, inbox in that shard) and acts on the part that belongs to its provinces:

* ``MoveRequested`` (origin) → MoveOut, ``BeneficiaryMovedOut`` with the history;
* ``BeneficiaryMovedOut`` (destination) → the new record, ``BeneficiaryMovedIn``
  (or ``MoveInRejected``);
* ``BeneficiaryMovedIn`` (origin) → ``MoveCompleted``; (destination) → index relocated;
* ``MoveInRejected`` (origin) → ``MoveCancelled``;
* any event about a record of this shard → the global index checked against the record
  after the commit (``adapters.index_sync``).

The loop around it (inbox, retries, dead letters, metrics, group membership) is the shared
``ansinh_common.messaging.InboxConsumer``; the worker is wired in ``registry.bootstrap``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter, UnknownProvinceError
from ansinh_common.messaging import Envelope, InboxConsumer, RetryPolicy
from registry.adapters import records as store
from registry.adapters.index_sync import plan_sync
from registry.adapters.messages import event_from_bytes
from registry.adapters.unit_of_work import after_outer_transaction
from registry.domain import events
from registry.entrypoints.dossier_decisions import DECISION_ISSUED
from registry.entrypoints.dossier_decisions import command_from as dossier_decision_command
from registry.service_layer.messagebus import MessageBus

log = logging.getLogger(__name__)

BusFactory = Callable[[Session], MessageBus]
"""The message bus whose units of work run inside the consumer's transaction ``session``."""


class ShardWorker:
    """Applies the registry's events that concern ``shard``."""

    def __init__(
        self,
        router: ShardRouter,
        shard: str,
        *,
        topic: str,
        bus_for: BusFactory,
        dossier_topic: str | None = None,
    ) -> None:
        self.router = router
        self.shard = shard
        self.topic = topic
        self.bus_for = bus_for
        self.dossier_topic = dossier_topic

    def owns(self, province_code: str) -> bool:
        try:
            return self.router.shard_for(province_code) == self.shard
        except UnknownProvinceError:
            return False

    def handle(self, session: Session, envelope: Envelope) -> None:
        """The InboxConsumer handler: runs inside the transaction that records the inbox row."""
        if envelope.type == DECISION_ISSUED:  # a dossier's decision (issue 12)
            command = dossier_decision_command(envelope.data)
            if self.owns(command.residence.province_code):
                self.bus_for(session).handle(command)
            return
        try:
            event = event_from_bytes(envelope.type, envelope.data)
        except KeyError:
            log.info("worker %s: ignoring event type %s", self.shard, envelope.type)
            return
        bus = self.bus_for(session)
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

    def consumers(
        self,
        bootstrap_servers: str,
        group_prefix: str,
        *,
        instance: str | None = None,
        retry: RetryPolicy | None = None,
        security: dict[str, str] | None = None,
    ) -> list[InboxConsumer]:
        """The shared inbox consumers (``ansinh_common.messaging``) of this shard: group
        ``<prefix>-<shard>`` on the registry's topic and, when a dossier topic is set, group
        ``<prefix>-<shard>-decisions`` on it — a consumer of its own, so that a dossier's
        decision never waits behind the events of a large Excel import (both share the shard's
        inbox, so a decision is still applied once). ``security``:
        ``settings.kafka_client_config()`` (SASL/SCRAM in production)."""
        config: dict[str, Any] = dict(security or {})
        groups = [(f"{group_prefix}-{self.shard}", self.topic)]
        if self.dossier_topic:
            groups.append((f"{group_prefix}-{self.shard}-decisions", self.dossier_topic))
        return [
            InboxConsumer(
                bootstrap=bootstrap_servers,
                group_id=group_id,
                topics=[topic],
                handler=self.handle,
                session_scope=lambda _envelope: self.router.shard_session(self.shard),
                retry=retry,
                instance=instance,  # group.instance.id includes the group
                **config,
            )
            for group_id, topic in groups
        ]


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
