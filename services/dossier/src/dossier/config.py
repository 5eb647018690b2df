"""Settings of the dossier service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings


class DossierSettings(ShardedServiceSettings):
    service_name: str = "dossier"
    grpc_port: int = Field(default=58052, ge=0, le=65535)
    metrics_port: int | None = Field(default=58152, ge=0, le=65535)
