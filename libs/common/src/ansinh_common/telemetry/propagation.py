"""Carry the trace context through Kafka headers, outbox rows and the like (W3C)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from opentelemetry import propagate
from opentelemetry.context import Context

Carrier = Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes | None]]


def inject_context(context: Context | None = None) -> dict[str, str]:
    """The current (or given) context as headers, e.g. ``{"traceparent": "00-…"}``."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier, context=context)
    return carrier


def extract_context(carrier: Carrier | None) -> Context:
    """A context whose parent is the span described by ``carrier``.

    Accepts a mapping or Kafka-style ``[(key, bytes)]`` headers; use it as
    ``tracer.start_as_current_span(name, context=extract_context(headers))``.
    """
    if carrier is None:
        return propagate.extract({})
    pairs = carrier.items() if isinstance(carrier, Mapping) else carrier
    text: dict[str, str] = {}
    for key, value in pairs:
        if value is None:
            continue
        text[key.lower()] = value.decode("latin-1") if isinstance(value, bytes) else value
    return propagate.extract(text)
