"""The message bus: one handler per command, a list of handlers per event.

Commands come from the gRPC entrypoint; events come from the Kafka consumer (each shard's
outbox, relayed), never dispatched in-process after commit: that is what makes the move saga
work across shards and survive restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ansinh_common.errors import InvalidInput
from ansinh_common.plausibility import implausible
from registry.domain.commands import Command
from registry.domain.events import Event

logger = logging.getLogger(__name__)

CommandHandler = Callable[[Any], Any]
EventHandler = Callable[[Any], None]


class MessageBus:
    def __init__(
        self,
        command_handlers: Mapping[type[Command], CommandHandler],
        event_handlers: Mapping[type[Event], Sequence[EventHandler]],
    ) -> None:
        self.command_handlers = command_handlers
        self.event_handlers = event_handlers

    def handle(self, message: Command | Event) -> Any:
        if isinstance(message, Command):
            errors = implausible(message, skip=("principal",), flatten=("update",))
            if errors:  # checked again here: a direct gRPC caller skips the gateway's check
                raise InvalidInput(errors=errors)
            return self.command_handlers[type(message)](message)
        for handler in self.event_handlers.get(type(message), ()):
            logger.debug("handling %s with %s", type(message).__name__, handler)
            handler(message)  # errors propagate: the consumer retries, then dead-letters
        return None
