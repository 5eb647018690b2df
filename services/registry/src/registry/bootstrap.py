"""The only place that wires the registry (ADR 0013); nothing is built at import time.

* :func:`bootstrap` ``(settings, **overrides)``: the service from its settings, with the
  SQLAlchemy adapters (the gRPC server, the import command and integration tests call it;
  tests override the router or the unit tree);
* :func:`message_bus`: the handlers bound to a unit-of-work factory — per service, per
  import and per consumed message (a worker's unit of work joins the inbox's transaction),
  and over fakes in unit tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.db import ShardRouter
from registry.adapters.read_model import SqlRecordReads
from registry.adapters.unit_of_work import uow_factory
from registry.config import RegistrySettings
from registry.domain import commands, events
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies, new_uuid, now_utc
from registry.service_layer.handlers import changes, move, registration
from registry.service_layer.messagebus import CommandHandler, EventHandler, MessageBus
from registry.service_layer.ports import RecordReads
from registry.service_layer.unit_of_work import UnitOfWorkFactory

if TYPE_CHECKING:  # the importer builds a message bus per import with ``message_bus``
    from registry.excel.importer import FileImporter


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

    def close(self) -> None:
        self.router.dispose()


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
        importer=FileImporter(router, topic, units),
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
