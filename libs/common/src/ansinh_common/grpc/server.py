"""Build a started gRPC server with health, interceptors and OpenTelemetry."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from concurrent import futures
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from opentelemetry.instrumentation.grpc import server_interceptor

from ansinh_common.auth.grpc_interceptors import PrincipalServerInterceptor, TokenCheck
from ansinh_common.grpc.deadline import DeadlineServerInterceptor
from ansinh_common.grpc.errors import ErrorMappingInterceptor
from ansinh_common.grpc.metrics import MetricsInterceptor

AddServicerFn = Callable[[Any, grpc.Server], None]
"""``add_XServicer_to_server`` from generated code (or any ``(servicer, server) -> None``)."""

_health: weakref.WeakKeyDictionary[grpc.Server, health.HealthServicer] = weakref.WeakKeyDictionary()


def standard_interceptors(verifier: TokenCheck) -> list[grpc.ServerInterceptor]:
    """Outermost first: OTel span, metrics, error mapping, caller verification, deadline."""
    return [
        server_interceptor(),  # type: ignore[no-untyped-call]
        MetricsInterceptor(),
        ErrorMappingInterceptor(),
        PrincipalServerInterceptor(verifier),
        DeadlineServerInterceptor(),
    ]


def create_server(
    servicers: Sequence[tuple[AddServicerFn, Any]],
    port: int = 0,
    *,
    verifier: TokenCheck,
    host: str = "[::]",
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    max_workers: int = 16,
    service_names: Sequence[str] = (),
    reflection: bool = False,
    credentials: grpc.ServerCredentials | None = None,
    options: Sequence[tuple[str, Any]] = (),
) -> tuple[grpc.Server, int]:
    """Create, bind and start a server; returns it with the bound port (``port=0``: free).

    Every call but health checks must carry an access token that ``verifier`` accepts
    (``ansinh_common.auth.wiring.token_verifier(settings)``; ADR 0011). The standard
    interceptors run before ``interceptors``. Health (``grpc.health.v1``)
    reports SERVING for ``""`` and each of ``service_names`` (full proto names, also
    used for reflection when ``reflection`` is true).
    """
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="grpc"),
        interceptors=[*standard_interceptors(verifier), *interceptors],
        options=[("grpc.so_reuseport", 0), *options],
    )
    for add, servicer in servicers:
        add(servicer, server)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in ("", *service_names):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    if reflection:
        _enable_reflection(server, service_names)
    address = f"{host}:{port}"
    if credentials is None:
        bound = server.add_insecure_port(address)
    else:
        bound = server.add_secure_port(address, credentials)
    if bound == 0:
        raise RuntimeError(f"gRPC server could not bind {address}")
    _health[server] = health_servicer
    server.start()
    return server, bound


def health_servicer(server: grpc.Server) -> health.HealthServicer | None:
    """The health servicer that :func:`create_server` registered on ``server``."""
    return _health.get(server)


def _enable_reflection(server: grpc.Server, service_names: Sequence[str]) -> None:
    from grpc_reflection.v1alpha import reflection  # optional feature, loaded on use

    names = (*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME)
    reflection.enable_server_reflection(names, server)
