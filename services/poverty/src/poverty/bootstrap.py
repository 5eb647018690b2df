"""``bootstrap(settings, **overrides)``: the only place that wires the poverty service (ADR 0013).

The SQLAlchemy unit of work per province shard (events through each shard's outbox to
``ansinh.poverty.v1``), access through ``ansinh_common.authz`` with the poverty domain, and
the gRPC servicer of ``ansinh.poverty.v1.PovertyService``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ansinh.poverty.v1 import poverty_pb2, poverty_pb2_grpc
from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.runtime import ShardedService
from poverty.adapters.unit_of_work import uow_factory
from poverty.config import PovertySettings
from poverty.service_layer.access import Access
from poverty.service_layer.handlers.households import Dependencies

SERVICE_NAME = poverty_pb2.DESCRIPTOR.services_by_name["PovertyService"].full_name


def new_uuid() -> str:
    return str(uuid.uuid4())


@dataclass
class PovertyApp(ShardedService):
    """The wired poverty service: its use-case dependencies and what the runtime serves."""

    deps: Dependencies = field(kw_only=True)
    new_id: Callable[[], str] = field(default=new_uuid, kw_only=True)

    def provinces(self) -> list[str]:
        """One province per shard: a query of every shard opens a unit of work per entry."""
        router = self.router
        return [router.provinces(s)[0] for s in router.shards() if router.provinces(s)]


def bootstrap(
    settings: PovertySettings,
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
) -> PovertyApp:
    """The poverty service wired from its settings; tests may pass a router or a unit tree."""
    from poverty.entrypoints.grpc_servicer import PovertyServicer

    router = router or ShardRouter.from_settings(settings)
    deps = Dependencies(
        uow_factory(router, settings.poverty_topic), Access(units or CatalogUnitTree())
    )
    app = PovertyApp(
        settings, router=router, closers=[router.dispose], service_names=[SERVICE_NAME], deps=deps
    )
    app.servicers = [(poverty_pb2_grpc.add_PovertyServiceServicer_to_server, PovertyServicer(app))]
    return app
