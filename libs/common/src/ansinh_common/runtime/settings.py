"""Settings base of every gRPC service: where it listens and how it stops."""

from __future__ import annotations

from pydantic import Field

from ansinh_common.settings import ServiceSettings


class GrpcServiceSettings(ServiceSettings):
    """:class:`ServiceSettings` plus what :func:`ansinh_common.runtime.run_service` needs.

    Locally every port binds to 127.0.0.1 (ADR 0002); in a pod set ``ANSINH_GRPC_HOST=[::]``,
    ``ANSINH_METRICS_HOST=0.0.0.0`` (``metrics_host`` of :class:`ServiceSettings`) and
    ``ANSINH_SHUTDOWN_DRAIN_SECONDS`` to a few seconds so probes notice NOT_SERVING.
    """

    grpc_host: str = "127.0.0.1"
    grpc_max_workers: int = Field(default=16, ge=1, le=1024)
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    """In-flight calls get this long after SIGTERM (keep it below the supervisor's stopwait)."""
    shutdown_drain_seconds: float = Field(default=0.0, ge=0)
    """Seconds health reports NOT_SERVING before the server stops accepting calls."""
