"""``python -m registry.entrypoints.grpc_server``: the registry's gRPC server (port 58053).

Settings from ``ANSINH_*`` (``registry.config.RegistrySettings``); JSON logs, OpenTelemetry,
Prometheus metrics (58153), health following the shard databases (ADR 0008), reflection,
graceful stop on SIGTERM — all through ``ansinh_common.runtime.run_service`` (ADR 0002).
"""

from __future__ import annotations

from typing import Any

from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.wiring import token_verifier
from ansinh_common.grpc.server import create_server
from ansinh_common.jobs.servicer import SERVICE_NAME as JOB_SERVICE_NAME
from ansinh_common.jobs.servicer import add_job_servicer
from ansinh_common.runtime import run_service
from registry.bootstrap import RegistryApp, bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_servicer import RegistryServicer

SERVICE_NAME = registry_pb2.DESCRIPTOR.services_by_name["RegistryService"].full_name


def servicers(app: RegistryApp) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = [
        (registry_pb2_grpc.add_RegistryServiceServicer_to_server, RegistryServicer(app))
    ]
    if app.jobs is not None:
        found.append(add_job_servicer(app.jobs.store))
    return found


def message_options(settings: RegistrySettings) -> list[tuple[str, Any]]:
    """Excel files travel whole in one message."""
    size = settings.grpc_max_message_bytes
    return [("grpc.max_receive_message_length", size), ("grpc.max_send_message_length", size)]


def start(app: RegistryApp, port: int = 0, host: str = "127.0.0.1") -> tuple[Any, int]:
    """A started server for ``app`` (tests; ``port=0``: any free port); callers are verified
    against the realm of ``app.settings`` (ADR 0011)."""
    return create_server(
        servicers(app), port, verifier=token_verifier(app.settings), host=host,
        service_names=[SERVICE_NAME, JOB_SERVICE_NAME],
        options=message_options(app.settings),
    )  # fmt: skip


def main() -> int:
    settings = RegistrySettings()
    app = bootstrap(settings)
    if app.jobs is not None:
        # jobs whose runner went silent (a previous run; a crashed replica): failed now
        app.jobs.store.fail_interrupted(app.jobs.stale_seconds)
    app.warm_up()
    run_service(
        settings, servicers(app), service_names=[SERVICE_NAME, JOB_SERVICE_NAME],
        options=message_options(settings), on_stop=[app.close],
        health_checks=app.health_checks(),
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
