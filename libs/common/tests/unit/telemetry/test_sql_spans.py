"""instrument_engine: one client span per statement, inside the caller's trace."""

from __future__ import annotations

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.trace import SpanKind

from ansinh_common.telemetry import instrument_engine
from ansinh_common.telemetry.testing import in_memory_exporter


def test_statements_become_child_spans() -> None:
    spans = in_memory_exporter()
    engine = sa.create_engine("sqlite://")
    instrument_engine(engine)
    instrument_engine(engine)  # idempotent: still one span per statement
    with (
        trace.get_tracer("test").start_as_current_span("use case") as parent,
        engine.connect() as conn,
    ):
        assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    sql = [s for s in spans.get_finished_spans() if s.kind is SpanKind.CLIENT]
    assert len(sql) == 1
    assert sql[0].parent is not None
    assert sql[0].parent.span_id == parent.get_span_context().span_id
    engine.dispose()
