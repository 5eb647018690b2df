"""Explicit wiring: dependencies in, a message bus out (tests pass fakes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.messaging import PeriodicTask, RetryPolicy, WorkerRunner
from registry.domain import commands, events
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies, new_uuid, now_utc
from registry.service_layer.handlers import changes, move, registration
from registry.service_layer.messagebus import CommandHandler, EventHandler, MessageBus
from registry.service_layer.unit_of_work import UnitOfWorkFactory

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ansinh_common.db import ShardRouter
    from registry.config import RegistrySettings

RECONCILE_EVERY_S = 60.0
"""How often the worker settles index claims left unconfirmed (a crash between commits)."""
RECONCILE_OLDER_THAN = timedelta(minutes=5)


def bootstrap(
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
    """The registry worker: one shared inbox consumer per shard (``shards``, else the
    settings' ``worker_shards``, else every shard) and the settling of stale index claims.

    The consumer of shard ``s`` is in group ``<consumer_group>-s`` with the static instance
    ``<consumer_group>-s-<worker_instance>`` (a restarted worker resumes at once, ADR 0008).
    """
    from ansinh_common.db import ShardRouter as Router
    from registry.adapters.index_sync import reconcile_unconfirmed
    from registry.adapters.unit_of_work import uow_factory
    from registry.entrypoints.kafka_consumer import ShardWorker

    own_router = router is None
    router = router or Router.from_settings(settings)
    tree = units or CatalogUnitTree()
    topic = settings.beneficiary_topic
    names = list(shards or settings.worker_shards or router.shards())

    def bus_for(session: Session) -> MessageBus:
        return bootstrap(uow_factory(router, topic, session), units=tree)

    consumers = [
        ShardWorker(router, shard, topic=topic, bus_for=bus_for).consumer(
            settings.kafka_bootstrap,
            settings.consumer_group,
            instance=settings.worker_instance,
            retry=retry,
        )
        for shard in names
    ]

    def reconcile() -> None:
        for shard in names:
            reconcile_unconfirmed(router, older_than=RECONCILE_OLDER_THAN, shard=shard)

    task = PeriodicTask("reconcile unconfirmed index claims", RECONCILE_EVERY_S, reconcile)
    return WorkerRunner(consumers, [task], on_close=[router.dispose] if own_router else [])
