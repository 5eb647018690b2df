"""The only place that wires the registry (ADR 0013); nothing is built at import time.

* :func:`bootstrap` ``(settings, **overrides)``: the service from its settings, with the
  SQLAlchemy adapters (the gRPC server, the import command and integration tests call it;
  tests override the router or the unit tree);
* :func:`build_worker` ``(settings, shards, **overrides)``: the shard workers on the shared
  runner of ``ansinh_common.messaging`` (ADR 0008);
* :func:`message_bus`: the handlers bound to a unit-of-work factory — per service, per
  import and per consumed message (a worker's unit of work joins the inbox's transaction),
  and over fakes in unit tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.catalogs import admin_units
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.health_watch import Check, database_check
from ansinh_common.jobs import JobRunner, SqlJobStore
from ansinh_common.messaging import PeriodicTask, RetryPolicy, WorkerRunner
from registry.adapters.read_audit import SqlReadAudit
from registry.adapters.read_model import SqlRecordReads
from registry.adapters.unit_of_work import uow_factory
from registry.config import RegistrySettings
from registry.domain import commands, events
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies, new_uuid, now_utc
from registry.service_layer.handlers import changes, dossier_decisions, move, registration
from registry.service_layer.messagebus import CommandHandler, EventHandler, MessageBus
from registry.service_layer.ports import RecordReads
from registry.service_layer.read_audit import ReadAuditLog
from registry.service_layer.unit_of_work import UnitOfWorkFactory

if TYPE_CHECKING:  # the importer builds a message bus per import with ``message_bus``
    from registry.excel.importer import FileImporter

RECONCILE_EVERY_S = 60.0
"""How often the worker settles index claims left unconfirmed (a crash between commits)."""
RECONCILE_OLDER_THAN = timedelta(minutes=5)


@dataclass
class RegistryApp:
    """The wired registry: what the entry points use, and what ``close`` releases."""

    settings: RegistrySettings
    router: ShardRouter
    units: UnitTree
    bus: MessageBus
    deps: Dependencies
    access: Access
    reads: RecordReads
    importer: FileImporter
    read_audit: ReadAuditLog
    jobs: JobRunner | None = None
    """Long-running jobs (the import, docs/adr/0012), kept in the global database."""

    def close(self) -> None:
        if self.jobs is not None:
            self.jobs.shutdown(wait=False)
        self.router.dispose()

    def warm_up(self) -> None:
        """Load what the first call would otherwise load (the unit catalogs, ~0.6 s), so that
        a (re)started server answers at full speed from its first call (ADR 0008)."""
        for version in admin_units.CatalogVersion:
            admin_units.find_unit(admin_units.COUNTRY_CODE, version)

    def health_checks(self) -> dict[str, Check]:
        """Every shard and the global index: the service is NOT_SERVING while one of them is
        unreachable (its calls would fail; ADR 0008)."""
        router = self.router
        checks = {f"database:{s}": database_check(router.engine(s)) for s in router.shards()}
        if router.global_url is not None:
            checks["database:global"] = database_check(router.global_engine())
        return checks


def bootstrap(
    settings: RegistrySettings,
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
) -> RegistryApp:
    """The registry wired from its settings; tests may pass their own router or unit tree."""
    from registry.excel.importer import FileImporter

    router = router or ShardRouter.from_settings(settings)
    units = units or CatalogUnitTree()
    topic = settings.beneficiary_topic
    uow = uow_factory(router, topic)
    access = Access(units)
    return RegistryApp(
        settings=settings,
        router=router,
        units=units,
        bus=message_bus(uow, units=units),
        deps=Dependencies(uow, access),
        access=access,
        reads=SqlRecordReads(router),
        importer=FileImporter(router, topic, units, max_bytes=settings.import_max_bytes),
        read_audit=SqlReadAudit(router),
        jobs=JobRunner(SqlJobStore(router.global_engine())) if router.global_url else None,
    )


def message_bus(
    uow: UnitOfWorkFactory,
    *,
    units: UnitTree | None = None,
    clock: Callable[[], datetime] = now_utc,
    new_id: Callable[[], str] = new_uuid,
) -> MessageBus:
    """The bus with every handler bound to its dependencies.

    ``uow`` maps a province code to a unit of work on its shard (the SQLAlchemy one from
    ``adapters`` in the service, fakes in unit tests).
    """
    deps = Dependencies(uow, Access(units or CatalogUnitTree()), clock, new_id)
    return MessageBus(command_handlers(deps), event_handlers(deps))


def command_handlers(deps: Dependencies) -> dict[type[commands.Command], CommandHandler]:
    table: dict[type[commands.Command], Callable[..., Any]] = {
        commands.RegisterBeneficiary: registration.register_beneficiary,
        commands.RecordDeath: changes.record_death,
        commands.StopBenefit: changes.stop_benefit,
        commands.ChangeInformation: changes.change_information,
        commands.ChangeCoefficient: changes.change_coefficient,
        commands.RequestMove: move.request_move,
        commands.ApplyDossierDecision: dossier_decisions.apply_dossier_decision,
    }
    return {kind: partial(handler, deps=deps) for kind, handler in table.items()}


def event_handlers(deps: Dependencies) -> dict[type[events.Event], Sequence[EventHandler]]:
    table: dict[type[events.Event], Sequence[Callable[..., None]]] = {
        events.MoveRequested: [move.on_move_requested],
        events.BeneficiaryMovedOut: [move.on_moved_out],
        events.BeneficiaryMovedIn: [move.on_moved_in],
        events.MoveInRejected: [move.on_move_in_rejected],
    }
    return {kind: [partial(h, deps=deps) for h in hs] for kind, hs in table.items()}


def build_worker(
    settings: RegistrySettings,
    shards: Sequence[str] = (),
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
    retry: RetryPolicy | None = None,
) -> WorkerRunner:
    """The registry worker: per shard (``shards``, else the settings' ``worker_shards``, else
    every shard) a shared inbox consumer of the registry's topic and one of the dossiers'
    decisions (``ShardWorker.consumers``), and the settling of stale index claims.

    The consumer of shard ``s`` is in group ``<consumer_group>-s`` with the static instance
    ``<consumer_group>-s-<worker_instance>`` (a restarted worker resumes at once, ADR 0008).
    """
    from registry.adapters.index_sync import reconcile_unconfirmed
    from registry.entrypoints.kafka_consumer import ShardWorker

    own_router = router is None
    router = router or ShardRouter.from_settings(settings)
    tree = units or CatalogUnitTree()
    topic = settings.beneficiary_topic
    names = list(shards or settings.worker_shards or router.shards())

    def bus_for(session: Session) -> MessageBus:
        return message_bus(uow_factory(router, topic, session), units=tree)

    consumers = [
        consumer
        for shard in names
        for consumer in ShardWorker(
            router, shard, topic=topic, bus_for=bus_for, dossier_topic=settings.dossier_topic
        ).consumers(
            settings.kafka_bootstrap,
            settings.consumer_group,
            instance=settings.worker_instance,
            retry=retry,
            security=settings.kafka_client_config(),
        )
    ]

    def reconcile() -> None:
        for shard in names:
            reconcile_unconfirmed(router, older_than=RECONCILE_OLDER_THAN, shard=shard)

    task = PeriodicTask("reconcile unconfirmed index claims", RECONCILE_EVERY_S, reconcile)
    return WorkerRunner(consumers, [task], on_close=[router.dispose] if own_router else [])
