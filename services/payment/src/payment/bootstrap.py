"""``bootstrap(settings, **overrides)``: the only place that wires the payment service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ansinh_common.db import ShardRouter
from ansinh_common.messaging import RetryPolicy, WorkerRunner
from ansinh_common.runtime import ShardedService, sharded_service
from payment.config import PaymentSettings
from payment.domain.registry_record import RebuildReport

SNAPSHOT_METHOD = "/ansinh.registry.v1.RegistryService/SnapshotPaymentProfiles"


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


def rebuild_projection(
    settings: PaymentSettings,
    provinces: Sequence[str],
    *,
    router: ShardRouter | None = None,
    registry_stub: Any = None,
) -> list[RebuildReport]:
    """Load the registry's payment snapshot of each province into the projection (ADR 0027);
    the events after it come through the worker (``build_worker``)."""
    from ansinh.registry.v1 import registry_pb2_grpc
    from ansinh_common.auth.wiring import service_credentials
    from ansinh_common.grpc.client import make_channel
    from payment.adapters.registry_snapshot import (
        GrpcRegistrySnapshots,
        RouterProjectionTransactions,
    )
    from payment.service_layer.handlers.projection import rebuild_from_snapshot

    closers: list[Callable[[], object]] = []
    if router is None:
        router = ShardRouter.from_settings(settings)
        closers.append(router.dispose)
    if registry_stub is None:
        channel = make_channel(
            settings.registry_target,
            service_credentials=service_credentials(settings),
            idempotent_methods=[SNAPSHOT_METHOD],
        )
        closers.append(channel.close)
        registry_stub = registry_pb2_grpc.RegistryServiceStub(channel)
    try:
        snapshots = GrpcRegistrySnapshots(registry_stub)
        transactions = RouterProjectionTransactions(router)
        return [rebuild_from_snapshot(p, snapshots, transactions) for p in provinces]
    finally:
        for close in closers:
            close()
