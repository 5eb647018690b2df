"""Every outgoing call has a deadline; calls made while serving inherit the remainder."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import grpc

from ansinh_common.grpc.call_details import CallDetails, DetailsClientInterceptor
from ansinh_common.grpc.handlers import ScopedServerInterceptor

DEFAULT_TIMEOUT_SECONDS = 5.0

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "ansinh_grpc_deadline", default=None
)


def remaining_time() -> float | None:
    """Seconds left of the deadline of the call being served (None: no deadline)."""
    deadline = _deadline.get()
    return None if deadline is None else max(0.0, deadline - time.monotonic())


class DeadlineClientInterceptor(DetailsClientInterceptor):
    """Sets ``timeout`` when the caller gave none, capped by the inherited deadline."""

    def __init__(self, default_timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        if default_timeout <= 0:
            raise ValueError("default_timeout must be positive")
        self.default_timeout = default_timeout

    def rewrite(self, details: CallDetails) -> CallDetails:
        timeout = details.timeout if details.timeout is not None else self.default_timeout
        inherited = remaining_time()
        if inherited is not None:
            timeout = min(timeout, inherited)
        return replace(details, timeout=timeout)


class DeadlineServerInterceptor(ScopedServerInterceptor):
    """Records the incoming call's deadline for :class:`DeadlineClientInterceptor`."""

    @contextmanager
    def scope(self, method: str, context: grpc.ServicerContext) -> Iterator[None]:
        left = context.time_remaining()
        token = _deadline.set(None if left is None else time.monotonic() + left)
        try:
            yield
        finally:
            _deadline.reset(token)
