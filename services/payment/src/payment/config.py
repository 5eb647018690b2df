"""Settings of the payment service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings


class PaymentSettings(ShardedServiceSettings):
    service_name: str = "payment"
    grpc_port: int = Field(default=58055, ge=0, le=65535)
    metrics_port: int | None = Field(default=58155, ge=0, le=65535)
    payment_topic: str = "ansinh.payment.v1"
    generation_wait_seconds: float = Field(default=30.0, gt=0)
