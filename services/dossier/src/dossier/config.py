"""Settings of the dossier service (``ANSINH_*`` environment variables), built in ``main``.

Development defaults (ADR 0001, 0003): gRPC on 127.0.0.1:58052, metrics on 58152; shards
``dossier_s1..s3`` and the global database ``dossier_global`` on the local PostgreSQL; the 34
provinces of the 2025 catalog dealt out over the three shards in code order
(``ansinh_common.runtime.default_province_shards``). Production sets ``ANSINH_SHARDS``,
``ANSINH_PROVINCE_SHARDS`` and ``ANSINH_GLOBAL_DB_URL`` (development passwords are refused).
"""

from __future__ import annotations

from pydantic import Field

from ansinh_common.runtime import (
    GrpcServiceSettings,
    default_province_shards,
    development_global_url,
    development_shard_urls,
)

SERVICE_NAME = "dossier"


class DossierSettings(GrpcServiceSettings):
    service_name: str = SERVICE_NAME
    grpc_port: int = Field(default=58052, ge=0, le=65535)
    metrics_port: int | None = Field(default=58152, ge=0, le=65535)
    shards: dict[str, str] = Field(default_factory=lambda: development_shard_urls(SERVICE_NAME))
    province_shards: dict[str, str] = Field(default_factory=default_province_shards)
    global_db_url: str | None = development_global_url(SERVICE_NAME)
