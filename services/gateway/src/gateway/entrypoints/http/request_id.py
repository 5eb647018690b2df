"""The request id of the request being handled, for logs and problem bodies."""

from __future__ import annotations

import contextvars
import logging

REQUEST_ID_HEADER = "X-Request-ID"

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "gateway_request_id", default=None
)


def current_request_id() -> str | None:
    return request_id_var.get()


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every record (attach to the handlers that format logs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True
