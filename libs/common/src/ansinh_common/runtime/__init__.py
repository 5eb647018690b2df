"""Process runtime of the gRPC services: one call to serve, one command to migrate.

* :func:`run_service` (``service``): JSON logs, telemetry with ``/metrics``, the gRPC server of
  ``ansinh_common.grpc`` (health SERVING, reflection), blocking until SIGTERM/SIGINT.
* :class:`GrpcServiceSettings` (``settings``): the settings base it reads;
  :class:`ShardedServiceSettings` adds the development shard layout of the service's name.
* :class:`Service`, :func:`serve`, :func:`sharded_service` (``wiring``): what every service's
  ``bootstrap(settings, **overrides)`` returns and how its entry point serves it (ADR 0013).
* ``python -m ansinh_common.runtime.migrate`` / ``ansinh_common.runtime.migrate.migrate_service``:
  create missing databases, then Alembic on every shard and the global database (not imported
  here, so a service process does not load Alembic).
* :func:`default_province_shards` and the development database URLs (``shards``).
* Test helpers in ``ansinh_common.runtime.testing`` (not imported here).
"""

from ansinh_common.runtime.service import RunningService, Servicers, run_service, start_service
from ansinh_common.runtime.settings import GrpcServiceSettings, ShardedServiceSettings
from ansinh_common.runtime.shards import (
    default_province_shards,
    development_global_url,
    development_shard_urls,
    province_codes,
    shard_names,
)
from ansinh_common.runtime.wiring import (
    Background,
    Service,
    ShardedService,
    serve,
    sharded_service,
)

__all__ = [
    "Background",
    "GrpcServiceSettings",
    "RunningService",
    "Service",
    "Servicers",
    "ShardedService",
    "ShardedServiceSettings",
    "default_province_shards",
    "development_global_url",
    "development_shard_urls",
    "province_codes",
    "run_service",
    "serve",
    "shard_names",
    "sharded_service",
    "start_service",
]
