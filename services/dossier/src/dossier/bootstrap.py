"""``bootstrap(settings, **overrides)``: the only place that wires the dossier service.

Tests override the router, the unit tree, the clock or the population database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ansinh_common.authz import CatalogUnitTree, UnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.messaging import RetryPolicy, WorkerRunner
from ansinh_common.runtime import ShardedService
from dossier.adapters.unit_of_work import uow_factory
from dossier.config import DossierSettings
from dossier.domain.admin_models import shipped_selector
from dossier.domain.clock import TIMEZONE
from dossier.domain.procedures.catalog import shipped_catalog
from dossier.service_layer.dependencies import Dependencies, now_utc
from dossier.service_layer.ports import PopulationDatabase
from dossier.service_layer.unit_of_work import UnitOfWorkFactory


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
    deps = Dependencies(
        uow=uow_factory(router, settings.dossier_topic, catalog),
        catalog=catalog,
        models=shipped_selector(),
        units=units or CatalogUnitTree(),
        clock=clock,
        population=population,
        provinces=frozenset(settings.province_shards),
    )
    return DossierService(settings, router=router, closers=closers, deps=deps)


def build_worker(
    settings: DossierSettings,
    shards: Sequence[str] = (),
    *,
    router: ShardRouter | None = None,
    retry: RetryPolicy | None = None,
) -> WorkerRunner:
    """One shared inbox consumer per shard (``shards``, else ``worker_shards``, else all)
    reading the registry's answers to decisions (``entrypoints.kafka_consumer``)."""
    from dossier.entrypoints.kafka_consumer import ShardWorker

    own_router = router is None
    router = router or ShardRouter.from_settings(settings)
    catalog = shipped_catalog()
    names = list(shards or settings.worker_shards or router.shards())

    def uow_for(session: Session) -> UnitOfWorkFactory:
        return uow_factory(router, settings.dossier_topic, catalog, session)

    consumers = [
        ShardWorker(router, shard, topic=settings.registry_topic, uow_for=uow_for).consumer(
            settings.kafka_bootstrap,
            settings.consumer_group,
            instance=settings.worker_instance,
            retry=retry,
            security=settings.kafka_client_config(),
        )
        for shard in names
    ]
    return WorkerRunner(consumers, [], on_close=[router.dispose] if own_router else [])
