"""Test helper: one in-memory span exporter attached to the process tracer provider."""

from __future__ import annotations

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ansinh_common.telemetry.setup import setup_telemetry

_exporters: list[InMemorySpanExporter] = []


def in_memory_exporter(service_name: str = "test") -> InMemorySpanExporter:
    """The process's test exporter, emptied; installs telemetry on first use.

    Every call returns the same exporter (span processors cannot be removed), cleared,
    so each test sees only its own spans::

        spans = in_memory_exporter()
        ... run the code ...
        finished = spans.get_finished_spans()
    """
    if not _exporters:
        exporter = InMemorySpanExporter()
        setup_telemetry(service_name, span_exporter=exporter)
        _exporters.append(exporter)
    _exporters[0].clear()
    return _exporters[0]
