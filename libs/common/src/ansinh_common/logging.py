"""JSON logs on stdout, one object per line, carrying the current trace and span ids.

Fields: ``time``, ``level``, ``logger``, ``message``, ``service``, ``trace_id``,
``span_id`` (32/16 hex digits, empty outside a span) plus any ``extra=`` given. Personal
data is redacted before writing (``ansinh_common.redaction``).
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from opentelemetry import trace
from pythonjsonlogger.json import JsonFormatter

from ansinh_common.redaction import PersonalDataFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_RENAMES = {"asctime": "time", "levelname": "level", "name": "logger"}


class TraceContextFilter(logging.Filter):
    """Adds ``service``, ``trace_id`` and ``span_id`` to every record."""

    def __init__(self, service_name: str) -> None:
        super().__init__()
        self.service_name = service_name

    def filter(self, record: logging.LogRecord) -> bool:
        ctx = trace.get_current_span().get_span_context()
        record.service = self.service_name
        record.trace_id = format(ctx.trace_id, "032x") if ctx.is_valid else ""
        record.span_id = format(ctx.span_id, "016x") if ctx.is_valid else ""
        return True


def json_handler(service_name: str, stream: TextIO | None = None) -> logging.Handler:
    """A stream handler writing JSON lines with the trace context."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stdout)
    handler.addFilter(TraceContextFilter(service_name))
    handler.addFilter(PersonalDataFilter())  # no personal data in logs (Decree 13/2023)
    handler.setFormatter(
        JsonFormatter(
            LOG_FORMAT,
            rename_fields=_RENAMES,
            static_fields={},
            json_ensure_ascii=False,
        )
    )
    return handler


def configure_logging(
    service_name: str, level: str | int = "INFO", *, stream: TextIO | None = None
) -> None:
    """Make the root logger write JSON lines to stdout (or ``stream``) at ``level``.

    Replaces the root's handlers, so calling it again (tests) does not duplicate lines.
    """
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(json_handler(service_name, stream))
    root.setLevel(level.upper() if isinstance(level, str) else level)
