"""OpenTelemetry helpers for messaging: trace context in headers, producer/consumer spans."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, TracerProvider

INSTRUMENTATION_NAME = "ansinh_common.messaging"


def current_trace_carrier() -> dict[str, str]:
    """The current context as W3C headers (``traceparent``, ``tracestate``); may be empty."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


@contextmanager
def messaging_span(
    name: str,
    kind: SpanKind,
    parent: Mapping[str, str],
    attributes: Mapping[str, str | int],
    tracer_provider: TracerProvider | None = None,
) -> Iterator[Span]:
    """A span whose parent is the context found in the ``parent`` carrier."""
    tracer = trace.get_tracer(INSTRUMENTATION_NAME, tracer_provider=tracer_provider)
    context = propagate.extract(dict(parent))
    with tracer.start_as_current_span(
        name, context=context, kind=kind, attributes=dict(attributes)
    ) as span:
        yield span
