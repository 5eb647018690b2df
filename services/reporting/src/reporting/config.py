"""Settings of the reporting service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings


class ReportingSettings(ShardedServiceSettings):
    service_name: str = "reporting"
    grpc_port: int = Field(default=58056, ge=0, le=65535)
    metrics_port: int | None = Field(default=58156, ge=0, le=65535)
