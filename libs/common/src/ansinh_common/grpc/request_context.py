"""Where a request came from, carried to the services for their audits (Decree 13/2023/NĐ-CP:
every read of one person's data is recorded with who, when, from where and why).

The gateway sets the client address and the REST route it serves (``use_request_context``);
every channel of ``make_channel`` forwards them as gRPC metadata; a service reads them back
with ``request_context_from(context)``. A call that did not come through the gateway (a
worker, a test) reports the gRPC peer as its address and the gRPC method as its route.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ansinh_common.grpc.call_details import CallDetails, DetailsClientInterceptor

CLIENT_ADDRESS_KEY = "ansinh-client-address"
ROUTE_KEY = "ansinh-route"
MAX_LENGTH = 256


@dataclass(frozen=True, slots=True)
class RequestContext:
    client_address: str
    route: str


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "ansinh_request_context", default=None
)


@contextmanager
def use_request_context(ctx: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_request_context(ctx: RequestContext) -> None:
    """Set for the rest of the current task (the gateway's per-request dependency)."""
    _current.set(ctx)


def current_request_context() -> RequestContext | None:
    return _current.get()


class RequestContextClientInterceptor(DetailsClientInterceptor):
    """Adds the client address and route of the request being served, unless already set."""

    def rewrite(self, details: CallDetails) -> CallDetails:
        ctx = _current.get()
        if ctx is None:
            return details
        extra = [
            (key, _clean(value))
            for key, value in ((CLIENT_ADDRESS_KEY, ctx.client_address), (ROUTE_KEY, ctx.route))
            if not details.has_metadata(key)
        ]
        return details.with_metadata(*extra) if extra else details


def request_context_from(context: Any) -> RequestContext:
    """The request context of a gRPC call being served (``grpc.ServicerContext``)."""
    found = dict(_text_metadata(context.invocation_metadata() or ()))
    address = found.get(CLIENT_ADDRESS_KEY) or str(context.peer())
    route = found.get(ROUTE_KEY) or "grpc"
    return RequestContext(_clean(address), _clean(route))


def _text_metadata(metadata: Sequence[tuple[str, Any]]) -> Iterator[tuple[str, str]]:
    for key, value in metadata:
        if key in (CLIENT_ADDRESS_KEY, ROUTE_KEY):
            yield key, value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _clean(value: str) -> str:
    """Printable ASCII only (gRPC metadata values), bounded."""
    return "".join(c if " " <= c <= "~" else "?" for c in value)[:MAX_LENGTH]
