"""What handlers need, wired once by ``bootstrap`` (fakes in unit tests)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ansinh_common.auth.principal import Principal
from registry.domain.actor import Actor
from registry.service_layer.access import Access
from registry.service_layer.unit_of_work import UnitOfWorkFactory


def now_utc() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Dependencies:
    uow: UnitOfWorkFactory  # province code → unit of work on its shard
    access: Access
    clock: Callable[[], datetime] = now_utc
    new_id: Callable[[], str] = field(default=new_uuid)

    def actor(self, principal: Principal) -> Actor:
        on_behalf = "citizen" if principal.has_role("citizen") else None
        return Actor(principal.subject, principal.username, principal.unit_code, on_behalf)
