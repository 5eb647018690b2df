"""Server interceptor: request count and latency per method and status code.

Exported by the Prometheus reader of ``setup_telemetry`` as
``ansinh_grpc_server_handled_total{grpc_service, grpc_method, grpc_code}`` and
``ansinh_grpc_server_handling_seconds_bucket{...}`` (also ``_sum``/``_count``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import grpc
from opentelemetry import metrics

from ansinh_common.grpc.handlers import ScopedServerInterceptor

HANDLED_METRIC = "ansinh.grpc.server.handled"
DURATION_METRIC = "ansinh.grpc.server.handling"


class MetricsInterceptor(ScopedServerInterceptor):
    """Counts and times every call (instruments are created here, not at import)."""

    def __init__(self, meter_provider: metrics.MeterProvider | None = None) -> None:
        meter = metrics.get_meter("ansinh_common.grpc", meter_provider=meter_provider)
        self._handled = meter.create_counter(
            HANDLED_METRIC, unit="1", description="gRPC calls completed on the server"
        )
        self._duration = meter.create_histogram(
            DURATION_METRIC, unit="s", description="gRPC server handling time"
        )

    @contextmanager
    def scope(self, method: str, context: grpc.ServicerContext) -> Iterator[None]:
        start = time.perf_counter()
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            code = context.code()
            if code is None:
                code = grpc.StatusCode.UNKNOWN if failed else grpc.StatusCode.OK
            service, _, name = method.lstrip("/").partition("/")
            attrs = {"grpc_service": service, "grpc_method": name, "grpc_code": code.name}
            self._handled.add(1, attrs)
            self._duration.record(time.perf_counter() - start, attrs)
