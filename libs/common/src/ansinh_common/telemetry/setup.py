"""Process-wide OpenTelemetry set-up: traces, W3C propagation, Prometheus metrics.

OpenTelemetry's global providers can be set only once per process, so
:func:`setup_telemetry` creates them on the first call and only *adds* to them on later
calls (another span exporter, the metrics endpoint if not yet started). That makes it
safe to call from every test and from several in-process "services".

gRPC spans come from the interceptors that ``ansinh_common.grpc`` always installs
(``create_server``/``make_channel``), SQL spans from :func:`instrument_engine`.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from opentelemetry import trace
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.propagate import set_global_textmap
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from ansinh_common.telemetry.business import start_business_counters
from ansinh_common.telemetry.prometheus import start_prometheus


@dataclass
class Telemetry:
    """What :func:`setup_telemetry` installed (one per process)."""

    tracer_provider: TracerProvider
    metrics_port: int | None = None
    exporters: list[SpanExporter] = field(default_factory=list)


_lock = threading.Lock()
_state: list[Telemetry] = []  # zero or one element; filled on the first set-up


def setup_telemetry(
    service_name: str,
    span_exporter: SpanExporter | None = None,
    metrics_port: int | None = None,
    metrics_host: str = "127.0.0.1",
) -> Telemetry:
    """Install (first call) or extend (later calls) the process telemetry.

    * tracer provider with resource ``service.name``; spans go to OTLP through a
      ``BatchSpanProcessor`` when ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``..._TRACES_...``)
      is set, and to ``span_exporter`` through a ``SimpleSpanProcessor`` (tests);
    * W3C ``traceparent``/``tracestate`` and baggage propagation;
    * with ``metrics_port`` (0 = any free port): a Prometheus ``/metrics`` endpoint on
      ``metrics_host`` (settings ``metrics_host``: 127.0.0.1 locally, ``0.0.0.0`` in a pod).
    """
    with _lock:
        if not _state:
            _state.append(Telemetry(_install_tracer_provider(service_name)))
        state = _state[0]
        if span_exporter is not None and all(e is not span_exporter for e in state.exporters):
            state.tracer_provider.add_span_processor(SimpleSpanProcessor(span_exporter))
            state.exporters.append(span_exporter)
        if metrics_port is not None and state.metrics_port is None:
            state.metrics_port = start_prometheus(
                state.tracer_provider.resource, metrics_port, metrics_host
            )
    if state.metrics_port is not None:
        start_business_counters()
    return state


def current_telemetry() -> Telemetry | None:
    """The installed telemetry, if :func:`setup_telemetry` ran."""
    return _state[0] if _state else None


def _install_tracer_provider(service_name: str) -> TracerProvider:
    existing = trace.get_tracer_provider()
    if isinstance(existing, TracerProvider):  # installed by someone else: reuse it
        provider = existing
    else:
        provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
        trace.set_tracer_provider(provider)
    if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get(
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
    ):
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    set_global_textmap(
        CompositePropagator([TraceContextTextMapPropagator(), W3CBaggagePropagator()])
    )
    return provider
