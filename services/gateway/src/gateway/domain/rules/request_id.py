"""Which ``X-Request-ID`` the gateway accepts from a caller, and new request ids."""

from __future__ import annotations

import re
import uuid

LEGAL_BASIS = None
"""A technical rule, not a legal one."""

_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")


def accept_request_id(value: str | None) -> str | None:
    """The caller's ``X-Request-ID`` if it is safe to echo and log (1–128 plain chars)."""
    if value is None:
        return None
    value = value.strip()
    return value if _REQUEST_ID.fullmatch(value) else None


def new_request_id() -> str:
    """A fresh request id (UUID4, 32 hex digits)."""
    return uuid.uuid4().hex
