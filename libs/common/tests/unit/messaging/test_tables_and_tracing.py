import io

from alembic.migration import MigrationContext
from alembic.operations import Operations
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags
from sqlalchemy import MetaData, create_engine
from sqlalchemy.schema import CreateTable

from ansinh_common.messaging import add_messaging_tables
from ansinh_common.messaging.tracing import current_trace_carrier
from ansinh_common.migrations import create_outbox_and_inbox_tables, drop_outbox_and_inbox_tables


def test_tables_are_added_to_the_given_metadata() -> None:
    metadata = MetaData()
    tables = add_messaging_tables(metadata)
    assert set(metadata.tables) == {"outbox", "inbox"}
    assert [c.name for c in tables.inbox.primary_key] == ["consumer", "event_id"]
    ddl = str(
        CreateTable(tables.outbox).compile(dialect=create_engine("postgresql+psycopg://").dialect)
    )
    assert "GENERATED ALWAYS AS IDENTITY" in ddl
    assert "traceparent TEXT" in ddl


def test_alembic_ops_render_the_same_tables() -> None:
    out = io.StringIO()
    context = MigrationContext.configure(
        dialect_name="postgresql", opts={"as_sql": True, "output_buffer": out}
    )
    op = Operations(context)
    create_outbox_and_inbox_tables(op)
    drop_outbox_and_inbox_tables(op)
    sql = out.getvalue()
    assert "CREATE TABLE outbox" in sql
    assert "CREATE TABLE inbox" in sql
    assert "CREATE INDEX ix_outbox_unsent ON outbox (id) WHERE sent_at IS NULL" in sql
    assert "DROP TABLE outbox" in sql


def test_trace_carrier_of_the_current_span() -> None:
    context = SpanContext(
        trace_id=0x0AF7651916CD43DD8448EB211C80319C,
        span_id=0xB7AD6B7169203331,
        is_remote=False,
        trace_flags=TraceFlags(TraceFlags.SAMPLED),
    )
    with trace.use_span(NonRecordingSpan(context)):
        carrier = current_trace_carrier()
    assert carrier["traceparent"] == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def test_no_span_no_traceparent() -> None:
    assert "traceparent" not in current_trace_carrier()
