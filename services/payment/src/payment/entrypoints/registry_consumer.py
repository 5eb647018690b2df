"""The payment worker's Kafka entrypoint: the registry's events → the entitlement projection.

Each shard's consumer reads ``ansinh.registry.beneficiary.v1`` (group ``<prefix>-<shard>``,
inbox in that shard) and applies the events of records of its provinces (by the record's own
province, also for ``BeneficiaryMovedOut`` whose CloudEvents province is the destination) to
the projection tables; every other event is skipped. The loop (inbox, retries, dead letters,
metrics) is the shared ``ansinh_common.messaging.InboxConsumer``; the wiring is in
``payment.bootstrap.build_worker`` (ADR 0027).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter, UnknownProvinceError
from ansinh_common.messaging import Envelope, InboxConsumer, RetryPolicy
from payment.adapters.registry_events import record_from_envelope
from payment.service_layer.handlers.projection import project_record
from payment.service_layer.ports import EntitlementProjection


class ProjectionShardWorker:
    def __init__(
        self,
        router: ShardRouter,
        shard: str,
        *,
        topic: str,
        projection_for: Callable[[Session], EntitlementProjection],
    ) -> None:
        self.router, self.shard, self.topic = router, shard, topic
        self.projection_for = projection_for

    def owns(self, province_code: str) -> bool:
        try:
            return self.router.shard_for(province_code) == self.shard
        except UnknownProvinceError:
            return False

    def handle(self, session: Session, envelope: Envelope) -> None:
        record = record_from_envelope(envelope)
        if record is None or not self.owns(record.province_code):
            return
        project_record(record, self.projection_for(session))

    def consumer(
        self,
        bootstrap_servers: str,
        group_prefix: str,
        *,
        instance: str | None = None,
        retry: RetryPolicy | None = None,
        security: dict[str, str] | None = None,
    ) -> InboxConsumer:
        config: dict[str, Any] = dict(security or {})
        return InboxConsumer(
            bootstrap=bootstrap_servers,
            group_id=f"{group_prefix}-{self.shard}",
            topics=[self.topic],
            handler=self.handle,
            session_scope=lambda _envelope: self.router.shard_session(self.shard),
            retry=retry,
            instance=instance,
            **config,
        )
