"""Settings bases of the gRPC services: where they listen, how they stop, their databases."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from ansinh_common.runtime.shards import (
    default_province_shards,
    development_global_url,
    development_shard_urls,
)
from ansinh_common.settings import ServiceSettings


class GrpcServiceSettings(ServiceSettings):
    """:class:`ServiceSettings` plus what :func:`ansinh_common.runtime.run_service` needs.

    Locally every port binds to 127.0.0.1 (ADR 0002); in a pod set ``ANSINH_GRPC_HOST=[::]``,
    ``ANSINH_METRICS_HOST=0.0.0.0`` (``metrics_host`` of :class:`ServiceSettings`) and
    ``ANSINH_SHUTDOWN_DRAIN_SECONDS`` to a few seconds so probes notice NOT_SERVING.
    """

    grpc_host: str = "127.0.0.1"
    grpc_max_workers: int = Field(default=16, ge=1, le=1024)
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    """In-flight calls get this long after SIGTERM (keep it below the supervisor's stopwait)."""
    shutdown_drain_seconds: float = Field(default=0.0, ge=0)
    """Seconds health reports NOT_SERVING before the server stops accepting calls."""


class ShardedServiceSettings(GrpcServiceSettings):
    """:class:`GrpcServiceSettings` whose databases default to the development layout of
    ``service_name`` (ADR 0001/0003): shards ``<svc>_s1..s3``, the 34 provinces of the 2025
    catalog dealt out over them in code order, and ``<svc>_global``, all on the local
    PostgreSQL. A service's settings class then only names itself and its ports::

        class DossierSettings(ShardedServiceSettings):
            service_name: str = "dossier"
            grpc_port: int = Field(default=58052, ge=0, le=65535)
            metrics_port: int | None = Field(default=58152, ge=0, le=65535)

    ``ANSINH_SHARDS``, ``ANSINH_PROVINCE_SHARDS`` and ``ANSINH_GLOBAL_DB_URL`` (or keyword
    arguments) replace the defaults, as in production.
    """

    @model_validator(mode="before")
    @classmethod
    def _development_databases(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        name = str(data.get("service_name") or cls.model_fields["service_name"].default)
        filled = dict(data)
        filled.setdefault("shards", development_shard_urls(name))
        filled.setdefault("province_shards", default_province_shards())
        filled.setdefault("global_db_url", development_global_url(name))
        return filled
