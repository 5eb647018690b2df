"""JSON log lines carry the trace ids; W3C context survives a carrier round trip."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from opentelemetry import trace

from ansinh_common.logging import configure_logging
from ansinh_common.telemetry import extract_context, inject_context, setup_telemetry
from ansinh_common.telemetry.testing import in_memory_exporter


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    stream = io.StringIO()
    configure_logging("registry", "info", stream=stream)
    yield stream
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def test_json_line_has_trace_and_span_ids(log_stream: io.StringIO) -> None:
    in_memory_exporter()
    with trace.get_tracer("test").start_as_current_span("op") as span:
        logging.getLogger("registry.x").info("Đã tiếp nhận hồ sơ", extra={"dossier_id": 7})
    ctx = span.get_span_context()
    line = json.loads(log_stream.getvalue().splitlines()[-1])
    assert line["message"] == "Đã tiếp nhận hồ sơ"
    assert line["level"] == "INFO" and line["logger"] == "registry.x"
    assert line["service"] == "registry" and line["dossier_id"] == 7
    assert line["trace_id"] == format(ctx.trace_id, "032x")
    assert line["span_id"] == format(ctx.span_id, "016x")
    assert "time" in line


def test_outside_a_span_ids_are_empty(log_stream: io.StringIO) -> None:
    logging.getLogger("x").warning("không có span")
    line = json.loads(log_stream.getvalue())
    assert line["trace_id"] == "" and line["span_id"] == ""


def test_configure_twice_does_not_duplicate(log_stream: io.StringIO) -> None:
    configure_logging("registry", "INFO", stream=log_stream)
    logging.getLogger("x").info("một lần")
    assert len(log_stream.getvalue().splitlines()) == 1


def test_inject_extract_round_trip_with_kafka_headers() -> None:
    spans = in_memory_exporter()
    tracer = trace.get_tracer("test")
    with tracer.start_as_current_span("producer") as producer:
        headers = inject_context()
    assert headers["traceparent"].startswith("00-")
    kafka_headers = [(k, v.encode()) for k, v in headers.items()]
    with tracer.start_as_current_span("consumer", context=extract_context(kafka_headers)):
        pass
    consumer = next(s for s in spans.get_finished_spans() if s.name == "consumer")
    assert consumer.parent is not None
    assert consumer.parent.span_id == producer.get_span_context().span_id
    assert consumer.context.trace_id == producer.get_span_context().trace_id


def test_setup_twice_is_safe() -> None:
    first = setup_telemetry("a")
    again = setup_telemetry("b")
    assert first is again
    assert trace.get_tracer_provider() is first.tracer_provider
    assert in_memory_exporter() is in_memory_exporter()
    assert extract_context(None) is not None
