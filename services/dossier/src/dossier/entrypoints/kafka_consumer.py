"""The dossier worker's Kafka entrypoint: the registry's answers to signed decisions.

Each shard's worker reads ``ansinh.registry.beneficiary.v1`` (group ``<prefix>-<shard>``,
inbox in that shard) and records ``DossierDecisionApplied`` / ``DossierDecisionRefused`` on
the dossiers of its provinces; every other event is ignored. The loop (inbox, retries, dead
letters, metrics) is the shared ``ansinh_common.messaging.InboxConsumer``; the worker is
wired in ``dossier.bootstrap.build_worker``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from ansinh.registry.v1 import events_pb2 as registry_events
from ansinh_common.db import ShardRouter, UnknownProvinceError
from ansinh_common.messaging import Envelope, InboxConsumer, RetryPolicy
from dossier.service_layer.handlers.registry_outcome import (
    RegistryOutcome,
    record_registry_outcome,
)
from dossier.service_layer.unit_of_work import UnitOfWorkFactory

APPLIED = "ansinh.registry.v1.DossierDecisionApplied"
REFUSED = "ansinh.registry.v1.DossierDecisionRefused"


def outcome_from(envelope: Envelope) -> RegistryOutcome | None:
    if envelope.type == APPLIED:
        a = registry_events.DossierDecisionApplied.FromString(envelope.data)
        return RegistryOutcome(
            dossier_id=a.dossier_id,
            dossier_province_code=a.dossier_province_code,
            record_id=a.record_id,
            refusal=None,
        )
    if envelope.type == REFUSED:
        r = registry_events.DossierDecisionRefused.FromString(envelope.data)
        return RegistryOutcome(
            dossier_id=r.dossier_id,
            dossier_province_code=r.dossier_province_code,
            record_id=None,
            refusal=r.reason,
        )
    return None


class ShardWorker:
    def __init__(
        self,
        router: ShardRouter,
        shard: str,
        *,
        topic: str,
        uow_for: Callable[[Session], UnitOfWorkFactory],
    ) -> None:
        self.router, self.shard, self.topic, self.uow_for = router, shard, topic, uow_for

    def owns(self, province_code: str) -> bool:
        try:
            return self.router.shard_for(province_code) == self.shard
        except UnknownProvinceError:
            return False

    def handle(self, session: Session, envelope: Envelope) -> None:
        outcome = outcome_from(envelope)
        if outcome is None or not self.owns(outcome.dossier_province_code):
            return
        record_registry_outcome(outcome, self.uow_for(session))

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
