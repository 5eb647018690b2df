"""``bootstrap(settings, **overrides)``: the only place that wires the payment service.

The unit of work per province shard (events through each shard's outbox to
``ansinh.payment.v1``), the settlement store (channels, exports, results), the Redis lock per
commune and month, the reads, the job runner (generation jobs, kept in the global database),
access through ``ansinh_common.authz``, and the gRPC servicers of
``ansinh.payment.v1.PaymentService`` and ``ansinh.common.v1.JobService``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from redis import Redis
from sqlalchemy.orm import Session

from ansinh.payment.v1 import payment_pb2, payment_pb2_grpc
from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.jobs import JobRunner, SqlJobStore
from ansinh_common.jobs.servicer import SERVICE_NAME as JOB_SERVICE_NAME
from ansinh_common.jobs.servicer import add_job_servicer
from ansinh_common.messaging import RetryPolicy, WorkerRunner
from ansinh_common.runtime import ShardedService
from payment.adapters.locks import RedisCommuneLock
from payment.adapters.outbox import write_outbox
from payment.adapters.payment_reads import SqlPaymentReads
from payment.adapters.settlement_store import SqlSettlementStore, settlement_store
from payment.adapters.unit_of_work import uow_factory
from payment.config import PaymentSettings
from payment.domain.events import Event
from payment.domain.registry_record import RebuildReport
from payment.domain.rules.list_deadline import local_date
from payment.service_layer.ports import CommuneLock
from payment.service_layer.read_ports import PaymentReads
from payment.service_layer.unit_of_work import UnitOfWorkFactory

SERVICE_NAME = payment_pb2.DESCRIPTOR.services_by_name["PaymentService"].full_name
SNAPSHOT_METHOD = "/ansinh.registry.v1.RegistryService/SnapshotPaymentProfiles"


def vietnam_today() -> date:
    return local_date(datetime.now().astimezone())


@dataclass
class PaymentApp(ShardedService):
    """The wired payment service: what its use cases need and what the runtime serves."""

    uow: UnitOfWorkFactory = field(kw_only=True)
    lock: CommuneLock = field(kw_only=True)
    units: UnitTree = field(kw_only=True)
    reads: PaymentReads = field(kw_only=True)
    stores: Callable[[str], SqlSettlementStore] = field(kw_only=True)
    jobs: JobRunner | None = field(default=None, kw_only=True)
    today: Callable[[], date] = field(default=vietnam_today, kw_only=True)


def bootstrap(
    settings: PaymentSettings,
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
    redis: Redis[Any] | None = None,
    lock_prefix: str = "ansinh:payment:generate",
) -> PaymentApp:
    """The payment service wired from its settings; tests may pass a router, a unit tree, a
    Redis client or their own lock prefix."""
    from payment.entrypoints.grpc_servicer import PaymentServicer

    router = router or ShardRouter.from_settings(settings)
    redis = redis or Redis.from_url(settings.redis_url)
    topic = settings.payment_topic

    def write_events(session: Session, events: list[Event]) -> None:
        write_outbox(session, topic, events)

    jobs = JobRunner(SqlJobStore(router.global_engine())) if router.global_url else None
    closers: list[Callable[[], object]] = [router.dispose, redis.close]
    if jobs is not None:
        closers.append(lambda: jobs.shutdown(wait=False))
    app = PaymentApp(
        settings, router=router, closers=closers,
        service_names=[SERVICE_NAME, JOB_SERVICE_NAME],
        grpc_options=[("grpc.max_receive_message_length", 32 * 1024 * 1024),
                      ("grpc.max_send_message_length", 32 * 1024 * 1024)],
        uow=uow_factory(router, topic),
        lock=RedisCommuneLock(redis, prefix=lock_prefix,
                              wait_s=settings.generation_wait_seconds),
        units=units or CatalogUnitTree(), reads=SqlPaymentReads(router),
        stores=lambda province: settlement_store(router, province, write_events), jobs=jobs,
    )  # fmt: skip
    servicers: list[tuple[Any, Any]] = [
        (payment_pb2_grpc.add_PaymentServiceServicer_to_server, PaymentServicer(app))
    ]
    if jobs is not None:
        servicers.append(add_job_servicer(jobs.store))
    app.servicers = servicers
    return app


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
