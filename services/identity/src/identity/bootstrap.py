"""``bootstrap(settings)``: the only place that wires the identity service (ADR 0013; nothing
is built at import time). Tests call it with their own settings, or build ``Services`` with
fakes directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redis import Redis
from sqlalchemy import Engine

from ansinh_common.authz import CatalogUnitTree
from ansinh_common.db import create_session_factory, create_shard_engine
from identity.adapters.audit_repository import SqlAuditUnitOfWork
from identity.adapters.disabled_accounts import RedisDisabledAccounts
from identity.adapters.keycloak_accounts import KeycloakAccounts
from identity.adapters.population_db import PopulationDbClient
from identity.config import IdentitySettings
from identity.domain.periods import catalog_version_of, model_on
from identity.service_layer.dependencies import Services, utcnow


@dataclass
class Identity:
    """The wired service and what must be closed when it stops."""

    settings: IdentitySettings
    services: Services
    closers: list[Callable[[], Any]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self.closers):
            close()


def bootstrap(settings: IdentitySettings) -> Identity:
    if not settings.global_db_url:
        raise ValueError("identity needs global_db_url (its audit database)")
    engine: Engine = create_shard_engine(settings.global_db_url, application_name="identity")
    redis: Redis[Any] = Redis.from_url(settings.redis_url)
    secret = settings.keycloak_client_secret
    today = utcnow().date()
    accounts = KeycloakAccounts(
        settings.keycloak_url,
        settings.keycloak_realm,
        settings.keycloak_admin_client_id,
        secret.get_secret_value() if secret else "",
        timeout=settings.keycloak_timeout_seconds,
        default_catalog_version=catalog_version_of(model_on(today, settings.unit_model_periods)),
    )
    population = PopulationDbClient(
        settings.population_db_url,
        api_key=settings.population_db_api_key.get_secret_value(),
        timeout_seconds=settings.population_db_timeout_seconds,
    )
    sessions = create_session_factory(engine)
    services = Services(
        accounts=accounts,
        disabled=RedisDisabledAccounts(
            redis,
            prefix=settings.disabled_flag_prefix,
            ttl_seconds=settings.disabled_flag_ttl_seconds,
        ),
        population=population,
        uow=lambda: SqlAuditUnitOfWork(sessions),
        units=CatalogUnitTree(),
        periods=settings.unit_model_periods,
        require_officer_otp=settings.require_officer_otp,
    )
    return Identity(settings, services, [engine.dispose, redis.close, population.close])
