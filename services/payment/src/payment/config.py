"""Settings of the payment service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

import socket

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings

REGISTRY_TOPIC = "ansinh.registry.beneficiary.v1"


class PaymentSettings(ShardedServiceSettings):
    service_name: str = "payment"
    grpc_port: int = Field(default=58055, ge=0, le=65535)
    metrics_port: int | None = Field(default=58155, ge=0, le=65535)
    payment_topic: str = "ansinh.payment.v1"
    generation_wait_seconds: float = Field(default=30.0, gt=0)
    # the projection worker (ADR 0027): the registry's events → the entitlement projection
    registry_topic: str = REGISTRY_TOPIC
    consumer_group: str = "payment-projection"
    """Prefix of the worker's consumer groups: ``<prefix>-<shard>`` (one inbox per shard)."""
    worker_shards: list[str] = Field(default_factory=list)
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)
    worker_instance: str | None = Field(default_factory=socket.gethostname)
    registry_target: str = "127.0.0.1:58053"
    """The registry's gRPC address: its payment snapshot for a rebuild (ADR 0027)."""
