"""``python -m registry.entrypoints.grpc_server``: the registry's gRPC server (port 58053).

Settings from ``ANSINH_*`` (``registry.config.RegistrySettings``); JSON logs, OpenTelemetry
and Prometheus metrics (58153); SIGTERM drains and stops gracefully (ADR 0002).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import grpc

from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.grpc.lifecycle import serve_forever
from ansinh_common.grpc.server import create_server
from ansinh_common.logging import configure_logging
from ansinh_common.telemetry import setup_telemetry
from registry.config import RegistrySettings
from registry.entrypoints.app import RegistryApp, build_app
from registry.entrypoints.grpc_servicer import RegistryServicer

log = logging.getLogger(__name__)

SERVICE_NAME = registry_pb2.DESCRIPTOR.services_by_name["RegistryService"].full_name


def start(
    app: RegistryApp, port: int | None = None, host: str = "127.0.0.1"
) -> tuple[grpc.Server, int]:
    """Create and start the server for ``app`` (``port=0``: any free port)."""
    size = app.settings.grpc_max_message_bytes
    return create_server(
        [(registry_pb2_grpc.add_RegistryServiceServicer_to_server, RegistryServicer(app))],
        app.settings.grpc_port if port is None else port,
        host=host,
        service_names=[SERVICE_NAME],
        reflection=True,
        options=[
            ("grpc.max_receive_message_length", size),
            ("grpc.max_send_message_length", size),
        ],
    )


def main(argv: Sequence[str] | None = None) -> int:
    settings = RegistrySettings()
    configure_logging(settings.service_name, settings.log_level)
    setup_telemetry(settings.service_name, metrics_port=settings.metrics_port)
    app = build_app(settings)
    server, port = start(app)
    log.info("registry gRPC on 127.0.0.1:%d", port)
    try:
        serve_forever(server, grace=10.0)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
