"""Settings of the poverty service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings

POVERTY_TOPIC = "ansinh.poverty.v1"
"""Household status decided, certificate issued, household left poverty (key: household id)."""
EVENT_SOURCE = "ansinh/poverty"


class PovertySettings(ShardedServiceSettings):
    service_name: str = "poverty"
    grpc_port: int = Field(default=58054, ge=0, le=65535)
    metrics_port: int | None = Field(default=58154, ge=0, le=65535)
    poverty_topic: str = POVERTY_TOPIC
