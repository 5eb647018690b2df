"""``bootstrap(settings, **overrides)``: the only place that wires the reporting service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ansinh.dossier.v1 import dossier_pb2_grpc
from ansinh.payment.v1 import payment_pb2_grpc
from ansinh.poverty.v1 import poverty_pb2_grpc
from ansinh.registry.v1 import registry_pb2_grpc
from ansinh.reporting.v1 import reporting_pb2_grpc
from ansinh_common.auth.wiring import service_credentials
from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.catalogs.admin_units import CatalogVersion, children
from ansinh_common.catalogs.provincial_sync import SyncModes, shipped_sync_modes
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.client import make_channel
from ansinh_common.messaging import (
    Envelope,
    InboxConsumer,
    PeriodicTask,
    RetryPolicy,
    WorkerRunner,
    one_scope,
)
from ansinh_common.runtime import ShardedService
from reporting.adapters.budget_read_model import SqlBudgetWriter
from reporting.adapters.dossier_events import step_from_envelope
from reporting.adapters.excel_forms import today_in_vietnam
from reporting.adapters.more_report_reads import SqlMoreReportReads
from reporting.adapters.owner_counts import GrpcSourceCounts
from reporting.adapters.payment_events import row_from_envelope as payment_row
from reporting.adapters.poverty_events import decision_from_envelope
from reporting.adapters.poverty_read_model import SqlPovertyWriter
from reporting.adapters.procedure_read_model import SqlProcedureWriter
from reporting.adapters.provincial_gap_read_model import (
    SqlProvincialGapReads,
    SqlProvincialSyncWriter,
)
from reporting.adapters.provincial_sync_events import (
    STATUS_CHANGED,
    provincial_topics,
    sync_fact,
)
from reporting.adapters.provincial_sync_events import TYPES as SYNC_TYPES
from reporting.adapters.quality_snapshots import SqlQualitySnapshots
from reporting.adapters.read_model_counts import SqlReadModelCounts
from reporting.adapters.read_models import SqlReadModelWriter
from reporting.adapters.registry_counts import GrpcRegistryCounts
from reporting.adapters.registry_events import fact_from_envelope
from reporting.adapters.report_reads import SqlReportReads
from reporting.config import ReportingSettings
from reporting.service_layer.handlers.budget_projection import project_payment
from reporting.service_layer.handlers.poverty_projection import project_poverty
from reporting.service_layer.handlers.procedure_projection import project_step
from reporting.service_layer.handlers.projection import project
from reporting.service_layer.handlers.provincial_sync_projection import project_sync
from reporting.service_layer.handlers.quality_snapshots import take_snapshots
from reporting.service_layer.handlers.reconcile import reconcile, reconcile_read_models
from reporting.service_layer.ports import SourceCounts

SERVICE_NAME = "ansinh.reporting.v1.ReportingService"
COUNT_METHOD = "/ansinh.registry.v1.RegistryService/CountBeneficiaries"


def bootstrap(
    settings: ReportingSettings,
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
) -> ShardedService:
    """The gRPC service: ``ReportingService`` over the read models of the global database."""
    from reporting.entrypoints.grpc_servicer import ReportingServicer

    own_router = router is None
    router = router or ShardRouter.from_settings(settings)
    servicer = ReportingServicer(
        report_reads(router),
        units or CatalogUnitTree(),
        SqlMoreReportReads(router.global_session),
        SqlQualitySnapshots(router.global_session),
        gaps=SqlProvincialGapReads(router.global_session),
        modes=shipped_sync_modes(),
    )
    return ShardedService(
        settings,
        servicers=[(reporting_pb2_grpc.add_ReportingServiceServicer_to_server, servicer)],
        service_names=[SERVICE_NAME],
        router=router,
        closers=[router.dispose] if own_router else [],
    )


def apply_event(session: Session, envelope: Envelope) -> None:
    """The inbox handler: one event's effect on the read models, in the inbox's transaction."""
    apply_events(session, [envelope])


def apply_events(session: Session, envelopes: Sequence[Envelope]) -> None:
    """The inbox's batch handler: a poll batch's effects, written together (ADR 0030); each
    event is chosen by its type's package (an unknown type changes nothing)."""
    writer = SqlReadModelWriter(session)
    for envelope in envelopes:
        if envelope.type in SYNC_TYPES or envelope.type == STATUS_CHANGED:  # ADR 0042
            project_sync(sync_fact(envelope), SqlProvincialSyncWriter(session))
            if envelope.type in SYNC_TYPES:
                continue
        if envelope.type.startswith("ansinh.poverty.v1."):
            project_poverty(decision_from_envelope(envelope), SqlPovertyWriter(session))
        elif envelope.type.startswith("ansinh.payment.v1."):
            project_payment(payment_row(envelope), SqlBudgetWriter(session))
        elif envelope.type.startswith("ansinh.dossier.v1."):
            project_step(step_from_envelope(envelope), SqlProcedureWriter(session))
        else:
            project(fact_from_envelope(envelope), writer)
    writer.flush()


def build_worker(
    settings: ReportingSettings,
    *,
    router: ShardRouter | None = None,
    group_id: str | None = None,
    retry: RetryPolicy | None = None,
    modes: SyncModes | None = None,
) -> WorkerRunner:
    """The read-model worker: one inbox consumer of every projected topic, writing to the
    reporting global database (its inbox is there too, so a replay changes nothing)."""
    own_router = router is None
    router = router or ShardRouter.from_settings(settings)
    security: dict[str, Any] = dict(settings.kafka_client_config())
    consumer = InboxConsumer(
        bootstrap=settings.kafka_bootstrap,
        group_id=group_id or settings.consumer_group,
        topics=settings.projected_topics()
        + provincial_topics(settings.provincial_topic_prefix, modes or shipped_sync_modes()),
        handler=apply_event,
        batch_handler=apply_events,
        session_scope=lambda _envelope: router.global_session(),
        batch_key=one_scope,  # every event goes to the global database: one transaction a poll
        retry=retry,
        instance=settings.worker_instance,
        **security,
    )
    tasks: list[PeriodicTask] = []
    closers: list[Callable[[], object]] = [router.dispose] if own_router else []
    if settings.registry_target:
        channel = make_channel(
            settings.registry_target,
            service_credentials=service_credentials(settings),
            idempotent_methods=[COUNT_METHOD],
        )
        owner = GrpcRegistryCounts(registry_pb2_grpc.RegistryServiceStub(channel))
        reads = report_reads(router)
        provinces = sorted(settings.province_shards)

        def reconcile_now() -> None:
            reconcile(reads, owner, provinces)

        tasks.append(PeriodicTask("reconcile", settings.reconcile_every_s, reconcile_now))
        closers.append(channel.close)
    owners = source_counts(settings, closers)
    if owners:
        ours = SqlReadModelCounts(router.global_session)
        every = sorted(settings.province_shards)

        def reconcile_more_now() -> None:
            reconcile_read_models(ours, owners, every)

        tasks.append(
            PeriodicTask("reconcile-read-models", settings.reconcile_every_s, reconcile_more_now)
        )
    if settings.quality_snapshot_every_s:
        tasks.append(quality_snapshot_task(router, settings.quality_snapshot_every_s))
    return WorkerRunner([consumer], tasks, on_close=closers)


def source_counts(
    settings: ReportingSettings, closers: list[Callable[[], object]]
) -> dict[str, SourceCounts]:
    """The ``CountForReconciliation`` of each owner whose target is set (ADR 0035); the
    channels' ``close`` added to ``closers``."""
    stubs: dict[str, tuple[str | None, Any]] = {
        "poverty": (settings.poverty_target, poverty_pb2_grpc.PovertyServiceStub),
        "dossier": (settings.dossier_target, dossier_pb2_grpc.DossierServiceStub),
        "payment": (settings.payment_target, payment_pb2_grpc.PaymentServiceStub),
    }
    found: dict[str, SourceCounts] = {}
    for source, (target, stub) in stubs.items():
        if not target:
            continue
        service = stub.__name__.removesuffix("Stub")
        channel = make_channel(
            target,
            service_credentials=service_credentials(settings),
            idempotent_methods=[f"/ansinh.{source}.v1.{service}/CountForReconciliation"],
        )
        closers.append(channel.close)
        found[source] = GrpcSourceCounts(stub(channel).CountForReconciliation)
    return found


def quality_snapshot_task(router: ShardRouter, every_s: float) -> PeriodicTask:
    """The data-quality figures of the current month (Vietnam), every ``every_s``."""
    reads, store = report_reads(router), SqlQualitySnapshots(router.global_session)
    provinces = [u.code for u in children("VN", CatalogVersion.V2025)]

    def snapshot_now() -> None:
        take_snapshots(reads, store, today_in_vietnam().replace(day=1), provinces)

    return PeriodicTask("quality-snapshot", every_s, snapshot_now)


def report_reads(router: ShardRouter) -> SqlReportReads:
    return SqlReportReads(router.global_session)
