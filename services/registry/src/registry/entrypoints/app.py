"""The registry service wired from its settings (the SQLAlchemy adapters behind ``bootstrap``).

Nothing is built at import time; ``build_app(settings)`` is called by the gRPC server's
``main`` and by tests (with their own databases and topic).
"""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.catalogs import admin_units
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.health_watch import Check, database_check
from registry.adapters.unit_of_work import uow_factory
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.excel.importer import FileImporter
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.messagebus import MessageBus


@dataclass
class RegistryApp:
    settings: RegistrySettings
    router: ShardRouter
    units: UnitTree
    bus: MessageBus
    deps: Dependencies
    access: Access
    importer: FileImporter

    def close(self) -> None:
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
        if self.settings.global_db_url is not None:
            checks["database:global"] = database_check(self.router.global_engine())
        return checks


def build_app(
    settings: RegistrySettings,
    *,
    router: ShardRouter | None = None,
    units: UnitTree | None = None,
) -> RegistryApp:
    router = router or ShardRouter.from_settings(settings)
    units = units or CatalogUnitTree()
    topic = settings.beneficiary_topic
    uow = uow_factory(router, topic)
    access = Access(units)
    return RegistryApp(
        settings=settings,
        router=router,
        units=units,
        bus=bootstrap(uow, units=units),
        deps=Dependencies(uow, access),
        access=access,
        importer=FileImporter(router, topic, units),
    )
