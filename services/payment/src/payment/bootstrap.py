"""``bootstrap(settings, **overrides)``: the only place that wires the payment service."""

from __future__ import annotations

from ansinh_common.db import ShardRouter
from ansinh_common.runtime import ShardedService, sharded_service
from payment.config import PaymentSettings


def bootstrap(settings: PaymentSettings, *, router: ShardRouter | None = None) -> ShardedService:
    """Shards only so far; repositories, handlers and servicers are wired here as they come."""
    return sharded_service(settings, router=router)
