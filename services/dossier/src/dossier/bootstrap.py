"""``bootstrap(settings, **overrides)``: the only place that wires the dossier service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ansinh_common.db import ShardRouter
from ansinh_common.messaging import InboxConsumer, RetryPolicy, SessionScope, WorkerRunner
from ansinh_common.runtime import ShardedService, sharded_service
from dossier.config import DossierSettings
from dossier.domain.rules.provincial_sync import SyncModes

if TYPE_CHECKING:
    from dossier.entrypoints.provincial_consumers import IntakeFactory


def bootstrap(settings: DossierSettings, *, router: ShardRouter | None = None) -> ShardedService:
    """Shards only so far; repositories, handlers and servicers are wired here as they come."""
    return sharded_service(settings, router=router)


def build_worker(
    settings: DossierSettings,
    shards: Sequence[str] = (),
    *,
    router: ShardRouter | None = None,
    modes: SyncModes | None = None,
    intake_for: IntakeFactory | None = None,
    retry: RetryPolicy | None = None,
) -> WorkerRunner:
    """The dossier worker: per shard (``shards``, else ``worker_shards``, else all), the
    provincial inbound consumer (the inbound topics of the shard's provinces whose sync mode
    accepts inbound) and the outbound consumer of the dossier events (ADR 0018).

    Groups ``<provincial_consumer_group>-inbound-<shard>`` / ``-outbound-<shard>``, with the
    inbox in the shard; static membership ``<group>-<worker_instance>``.
    """
    from ansinh_common.catalogs import admin_units
    from dossier.adapters import provincial_messages as wire
    from dossier.adapters.provincial_intake import intake_in
    from dossier.domain.procedures.catalog import shipped_catalog
    from dossier.domain.provincial_status import shipped_mapping
    from dossier.domain.rules.provincial_sync import shipped_sync_modes
    from dossier.entrypoints.provincial_consumers import InboundHandler, OutboundHandler
    from dossier.service_layer.handlers.provincial_sync import InboundChecks

    own_router = router is None
    router = router or ShardRouter.from_settings(settings)
    modes = modes or shipped_sync_modes()
    catalog = shipped_catalog()

    def commune_in_province(commune: str, province: str) -> bool:
        unit = admin_units.find_unit(commune, "2025")
        return unit is not None and admin_units.is_within(commune, province, "2025")

    checks = InboundChecks(catalog, commune_in_province)
    make_intake = intake_for or intake_in
    security: dict[str, Any] = dict(settings.kafka_client_config())
    prefix = settings.provincial_topic_prefix
    consumers: list[InboxConsumer] = []
    for shard in list(shards or settings.worker_shards or router.shards()):
        inbound = frozenset(p for p in router.provinces(shard) if modes.accepts_inbound(p))
        group = f"{settings.provincial_consumer_group}-inbound-{shard}"
        if inbound:
            consumers.append(
                InboxConsumer(
                    bootstrap=settings.kafka_bootstrap,
                    group_id=group,
                    topics=[wire.inbound_topic(prefix, p) for p in sorted(inbound)],
                    handler=InboundHandler(modes, checks, make_intake, inbound),
                    session_scope=_shard_scope(router, shard),
                    retry=retry,
                    instance=settings.worker_instance,
                    **security,
                )
            )
        group = f"{settings.provincial_consumer_group}-outbound-{shard}"
        consumers.append(
            InboxConsumer(
                bootstrap=settings.kafka_bootstrap,
                group_id=group,
                topics=[settings.provincial_sync_source_topic],
                handler=OutboundHandler(prefix, modes, shipped_mapping(), router, shard),
                session_scope=_shard_scope(router, shard),
                retry=retry,
                instance=settings.worker_instance,
                **security,
            )
        )
    return WorkerRunner(consumers, on_close=[router.dispose] if own_router else [])


def _shard_scope(router: ShardRouter, shard: str) -> SessionScope:
    """Every message of the consumer is applied (and its inbox row written) in ``shard``."""
    return lambda _envelope: router.shard_session(shard)
