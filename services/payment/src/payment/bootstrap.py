"""``bootstrap(settings, **overrides)``: the only place that wires the payment service."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ansinh_common.db import ShardRouter
from ansinh_common.messaging import RetryPolicy, WorkerRunner
from ansinh_common.runtime import ShardedService, sharded_service
from payment.config import PaymentSettings


def bootstrap(settings: PaymentSettings, *, router: ShardRouter | None = None) -> ShardedService:
    """Shards only so far; repositories, handlers and servicers are wired here as they come."""
    return sharded_service(settings, router=router)


def build_worker(
    settings: PaymentSettings,
    shards: Sequence[str] = (),
    *,
    router: ShardRouter | None = None,
    retry: RetryPolicy | None = None,
) -> WorkerRunner:
    """The projection worker: per shard (``shards``, else ``worker_shards``, else all), one
    inbox consumer of the registry's events (group ``<consumer_group>-<shard>``, inbox in the
    shard) writing the entitlement projection (ADR 0027)."""
    from payment.adapters.projection import SqlEntitlementProjection
    from payment.entrypoints.registry_consumer import ProjectionShardWorker

    own_router = router is None
    router = router or ShardRouter.from_settings(settings)
    names = list(shards or settings.worker_shards or router.shards())
    consumers = [
        ProjectionShardWorker(
            router, shard, topic=settings.registry_topic, projection_for=SqlEntitlementProjection
        ).consumer(
            settings.kafka_bootstrap,
            settings.consumer_group,
            instance=settings.worker_instance,
            retry=retry,
            security=settings.kafka_client_config(),
        )
        for shard in names
    ]
    closers: list[Callable[[], object]] = [router.dispose] if own_router else []
    return WorkerRunner(consumers, [], on_close=closers)
