"""Start a gRPC service process: JSON logs, telemetry, server with health, serve until SIGTERM.

Composes ``ansinh_common.logging``, ``ansinh_common.telemetry`` and ``ansinh_common.grpc``
(``create_server`` + ``serve_forever``); it adds nothing to the server itself. A service's
``main()`` becomes::

    settings = DossierSettings()
    app = bootstrap(settings)
    run_service(settings, app.servicers, on_stop=[app.close])
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import grpc

from ansinh_common.auth.wiring import token_verifier
from ansinh_common.grpc.health_watch import Check, HealthWatch
from ansinh_common.grpc.lifecycle import serve_forever
from ansinh_common.grpc.server import AddServicerFn, create_server, health_servicer
from ansinh_common.logging import configure_logging
from ansinh_common.runtime.settings import GrpcServiceSettings
from ansinh_common.telemetry import setup_telemetry

STARTED = "gRPC service started"
"""Message of the log line written once the server listens (with ``grpc_port`` and
``metrics_port`` fields; tests read the ports of a service started on port 0 from it)."""
STOPPED = "gRPC service stopped"

log = logging.getLogger(__name__)

Servicers = Sequence[tuple[AddServicerFn, Any]]
"""``[(add_XServicer_to_server, servicer), …]`` as ``create_server`` takes them."""


@dataclass(frozen=True)
class RunningService:
    server: grpc.Server
    grpc_port: int
    metrics_port: int | None
    health_watch: HealthWatch | None = None


def start_service(
    settings: GrpcServiceSettings,
    servicers: Servicers = (),
    *,
    service_names: Sequence[str] = (),
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    reflection: bool = True,
    options: Sequence[tuple[str, Any]] = (),
    health_checks: Mapping[str, Check] | None = None,
) -> RunningService:
    """Configure JSON logging and telemetry (``/metrics`` on ``settings.metrics_host:port``), then
    build and start the server on ``settings.grpc_host:grpc_port`` (callers verified against
    the realm's JWKS, ADR 0011); health is SERVING for
    ``""`` and each of ``service_names`` (full proto names, also offered by reflection), or,
    with ``health_checks`` (name → check, e.g. ``database_check`` of every shard), SERVING
    only while every check passes (``HealthWatch``, ADR 0008)."""
    configure_logging(settings.service_name, settings.log_level)
    telemetry = setup_telemetry(
        settings.service_name,
        metrics_port=settings.metrics_port,
        metrics_host=settings.metrics_host,
    )
    server, port = create_server(
        servicers,
        settings.grpc_port,
        verifier=token_verifier(settings),
        host=settings.grpc_host,
        interceptors=interceptors,
        max_workers=settings.grpc_max_workers,
        service_names=service_names,
        reflection=reflection,
        options=options,
    )
    watch = None
    servicer = health_servicer(server)
    if health_checks and servicer is not None:
        watch = HealthWatch(servicer, health_checks, service_names).start()
    log.info(
        STARTED,
        extra={
            "grpc_host": settings.grpc_host,
            "grpc_port": port,
            "metrics_port": telemetry.metrics_port,
            "grpc_services": list(service_names),
        },
    )
    return RunningService(server, port, telemetry.metrics_port, watch)


def run_service(
    settings: GrpcServiceSettings,
    servicers: Servicers = (),
    *,
    service_names: Sequence[str] = (),
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    reflection: bool = True,
    options: Sequence[tuple[str, Any]] = (),
    on_stop: Sequence[Callable[[], object]] = (),
    health_checks: Mapping[str, Check] | None = None,
) -> None:
    """:func:`start_service`, then block until SIGTERM/SIGINT stop the server gracefully
    (``serve_forever`` with the settings' grace and drain seconds); ``on_stop`` callbacks
    (closing engines, clients) run afterwards, last first, also when start-up failed."""
    running: RunningService | None = None
    try:
        running = start_service(
            settings,
            servicers,
            service_names=service_names,
            interceptors=interceptors,
            reflection=reflection,
            options=options,
            health_checks=health_checks,
        )
        serve_forever(
            running.server,
            settings.shutdown_grace_seconds,
            drain_seconds=settings.shutdown_drain_seconds,
        )
    finally:
        if running is not None and running.health_watch is not None:
            running.health_watch.stop()
        for close in reversed(on_stop):
            try:
                close()
            except Exception:
                log.exception("error while closing %r", close)
    log.info(STOPPED)
