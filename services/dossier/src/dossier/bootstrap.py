"""Explicit wiring of the dossier service (nothing is built at import time).

So far only the shard router (engines are created on first use); repositories, the unit of
work, handlers and the gRPC servicer are wired here when the use cases arrive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ansinh_common.db import ShardRouter
from ansinh_common.runtime import Servicers
from dossier.config import DossierSettings


@dataclass
class Dossier:
    """The wired service: what ``main`` serves and what it closes on stop."""

    settings: DossierSettings
    router: ShardRouter
    servicers: Servicers = field(default_factory=tuple)
    """Health and reflection only for now (added by the runtime)."""

    def close(self) -> None:
        self.router.dispose()


def bootstrap(settings: DossierSettings, *, router: ShardRouter | None = None) -> Dossier:
    """Wire the service from its settings; tests may pass their own router."""
    return Dossier(settings, router or ShardRouter.from_settings(settings))
