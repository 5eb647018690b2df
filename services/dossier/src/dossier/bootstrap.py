"""``bootstrap(settings, **overrides)``: the only place that wires the dossier service.

Tests override the router, the unit tree, the clock or the population database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from opentelemetry.metrics import MeterProvider
from sqlalchemy.orm import Session

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.messaging import InboxConsumer, RetryPolicy, SessionScope, WorkerRunner
from ansinh_common.runtime import ShardedService
from dossier.adapters.attachment_store import FilesystemAttachmentStore
from dossier.adapters.metrics import OverdueGauge
from dossier.adapters.unit_of_work import uow_factory
from dossier.config import DossierSettings
from dossier.domain.admin_models import shipped_selector
from dossier.domain.clock import TIMEZONE, local_date
from dossier.domain.procedures.catalog import ProcedureCatalog, shipped_catalog
from dossier.domain.rules.provincial_sync import SyncModes
from dossier.service_layer.dependencies import Dependencies, now_utc
from dossier.service_layer.places import shard_provinces
from dossier.service_layer.ports import PopulationDatabase, PovertyStatusSource
from dossier.service_layer.unit_of_work import UnitOfWorkFactory

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from dossier.entrypoints.provincial_consumers import IntakeFactory


@dataclass
class DossierService(ShardedService):
    deps: Dependencies = field(kw_only=True)


def fixed_date_clock(day: dt.date) -> Callable[[], dt.datetime]:
    """Real time of day on ``day`` (Asia/Ho_Chi_Minh): ``settings.clock_date``."""

    def clock() -> dt.datetime:
        now = dt.datetime.now(TIMEZONE)
        return now.replace(year=day.year, month=day.month, day=day.day)

    return clock


def bootstrap(
    settings: DossierSettings,
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    population: PopulationDatabase | None = None,
    poverty: PovertyStatusSource | None = None,
) -> DossierService:
    router = router or ShardRouter.from_settings(settings)
    catalog = shipped_catalog()
    if clock is None:
        clock = fixed_date_clock(settings.clock_date) if settings.clock_date else now_utc
    closers: list[Callable[[], object]] = [router.dispose]
    if population is None and settings.population_db_url:
        from dossier.adapters.population_db import PopulationDbClient

        client = PopulationDbClient(
            settings.population_db_url, api_key=settings.population_db_api_key
        )
        population, closers = client, [*closers, client.close]
    if poverty is None and settings.poverty_target:
        poverty, close_poverty = _poverty_client(settings, settings.poverty_target)
        closers.append(close_poverty)
    deps = Dependencies(
        uow=uow_factory(router, settings.dossier_topic, catalog),
        catalog=catalog,
        models=shipped_selector(),
        units=units or CatalogUnitTree(),
        clock=clock,
        population=population,
        poverty=poverty,
        provinces=frozenset(settings.province_shards),
        shard_provinces=shard_provinces(settings.province_shards),
        attachments=FilesystemAttachmentStore(settings.attachment_dir),
        max_attachment=settings.attachment_max_bytes,
    )
    return DossierService(settings, router=router, closers=closers, deps=deps)


def _poverty_client(
    settings: DossierSettings, target: str
) -> tuple[PovertyStatusSource, Callable[[], object]]:
    """``GetPersonStatus`` on ``target``; the channel forwards the acting officer's token."""
    from ansinh.poverty.v1 import poverty_pb2_grpc
    from ansinh_common.grpc.client import make_channel
    from dossier.adapters.poverty_status import METHOD, GrpcPovertyStatus

    channel = make_channel(
        target, default_timeout=settings.poverty_timeout_seconds, idempotent_methods=[METHOD]
    )
    stub = poverty_pb2_grpc.PovertyServiceStub(channel)
    return GrpcPovertyStatus(stub, timeout_seconds=settings.poverty_timeout_seconds), channel.close


def watch_overdue(
    service: DossierService, meter_provider: MeterProvider | None = None
) -> OverdueGauge:
    """The ``ansinh_dossier_overdue`` gauge of the server's shards (counted at scrape time)."""
    from dossier.adapters.overdue import overdue_by_procedure

    deps, router = service.deps, service.router

    def count() -> Mapping[str, int]:
        return overdue_by_procedure(router, router.shards(), local_date(deps.clock()))

    return OverdueGauge(count, deps.catalog.ids(), meter_provider=meter_provider)


def build_worker(
    settings: DossierSettings,
    shards: Sequence[str] = (),
    *,
    router: ShardRouter | None = None,
    modes: SyncModes | None = None,
    intake_for: IntakeFactory | None = None,
    retry: RetryPolicy | None = None,
) -> WorkerRunner:
    """The dossier worker; per shard (``shards``, else ``worker_shards``, else all):

    * the registry's answers to decisions (``entrypoints.kafka_consumer``; group
      ``<consumer_group>-<shard>``);
    * the provincial inbound consumer: the inbound topics of the shard's provinces whose sync
      mode accepts inbound (group ``<provincial_consumer_group>-inbound-<shard>``);
    * the outbound consumer of the dossier events (``-outbound-<shard>``), ADR 0018.

    Every inbox is in the shard; static membership ``<group>-<worker_instance>``.
    """
    from ansinh_common.catalogs import admin_units
    from dossier.adapters import provincial_messages as wire
    from dossier.domain.provincial_status import shipped_mapping
    from dossier.domain.rules.provincial_sync import shipped_sync_modes
    from dossier.entrypoints.kafka_consumer import ShardWorker
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
    make_intake = intake_for or _submission_intake(settings, router, catalog)
    security: dict[str, Any] = dict(settings.kafka_client_config())
    prefix = settings.provincial_topic_prefix
    names = list(shards or settings.worker_shards or router.shards())

    def uow_for(session: Session) -> UnitOfWorkFactory:
        return uow_factory(router, settings.dossier_topic, catalog, session)

    consumers: list[InboxConsumer] = [
        ShardWorker(router, shard, topic=settings.registry_topic, uow_for=uow_for).consumer(
            settings.kafka_bootstrap,
            settings.consumer_group,
            instance=settings.worker_instance,
            retry=retry,
            security=settings.kafka_client_config(),
        )
        for shard in names
    ]
    for shard in names:
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
                topics=[settings.dossier_topic],
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


def _submission_intake(
    settings: DossierSettings, router: ShardRouter, catalog: ProcedureCatalog
) -> IntakeFactory:
    """The submission use case, its unit of work inside the consumer's transaction."""
    from dossier.service_layer.handlers.provincial_sync import SubmissionIntake

    units = CatalogUnitTree()
    models = shipped_selector()

    def intake_in(session: Session) -> SubmissionIntake:
        deps = Dependencies(
            uow=uow_factory(router, settings.dossier_topic, catalog, session),
            catalog=catalog,
            models=models,
            units=units,
            provinces=frozenset(settings.province_shards),
            shard_provinces=shard_provinces(settings.province_shards),
        )
        return SubmissionIntake(deps)

    return intake_in
