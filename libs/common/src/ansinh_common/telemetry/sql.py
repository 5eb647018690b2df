"""SQL spans for SQLAlchemy engines, one engine at a time (no global patching)."""

from __future__ import annotations

import threading
import weakref

from opentelemetry import metrics, trace
from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

_lock = threading.Lock()
_instrumented: weakref.WeakSet[Engine] = weakref.WeakSet()


def instrument_engine(engine: Engine | AsyncEngine) -> None:
    """Emit a client span per statement on ``engine`` (idempotent per engine).

    Call it from the engine factory; spans use the global tracer provider.
    """
    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
    with _lock:
        if sync_engine in _instrumented:
            return
        tracer = trace.get_tracer("ansinh_common.sql")
        usage = metrics.get_meter("ansinh_common.sql").create_up_down_counter(
            "db.client.connections.usage", unit="connections"
        )
        EngineTracer(tracer, sync_engine, usage)  # type: ignore[no-untyped-call]
        _instrumented.add(sync_engine)
