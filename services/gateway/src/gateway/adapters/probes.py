"""Readiness probes for the gateway's dependencies (each raises when not ready)."""

from __future__ import annotations

from typing import Any

import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc
from redis.asyncio import Redis

from gateway.service_layer.readiness import Probe


def redis_probe(redis: Redis[Any]) -> Probe:
    async def probe() -> None:
        if not await redis.ping():
            raise RuntimeError("Redis did not answer PING")

    return probe


def jwks_probe(http: httpx.AsyncClient, jwks_url: str) -> Probe:
    """Keycloak answers the realm's JWKS with at least one key."""

    async def probe() -> None:
        resp = await http.get(jwks_url)
        resp.raise_for_status()
        if not resp.json().get("keys"):
            raise RuntimeError("JWKS has no keys")

    return probe


def grpc_health_probe(channel: grpc.aio.Channel, timeout: float, service: str = "") -> Probe:
    """The backend's standard ``grpc.health.v1`` service reports SERVING (on the backend's
    shared asyncio channel)."""

    async def probe() -> None:
        stub = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service=service)
        resp = await stub.Check(request, timeout=timeout)
        if resp.status != health_pb2.HealthCheckResponse.SERVING:
            name = health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status)
            raise RuntimeError(f"health status {name}")

    return probe
