"""Explicit wiring: dependencies in, a message bus out (tests pass fakes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from ansinh_common.authz import CatalogUnitTree, UnitTree
from registry.domain import commands, events
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies, new_uuid, now_utc
from registry.service_layer.handlers import changes, move, registration
from registry.service_layer.messagebus import CommandHandler, EventHandler, MessageBus
from registry.service_layer.unit_of_work import UnitOfWorkFactory


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
