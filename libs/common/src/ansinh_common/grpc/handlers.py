"""A server interceptor base that runs a scope around every RPC's behavior.

Interceptors' ``intercept_service`` runs on gRPC's polling thread, not on the worker
that runs the servicer, so anything that must hold during the call (context variables,
timers, error translation) is done by wrapping the behavior itself, here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import grpc

Behavior = Callable[[Any, grpc.ServicerContext], Any]


class ScopedServerInterceptor(grpc.ServerInterceptor, ABC):  # type: ignore[misc]
    """Subclasses return a context manager entered around each call's behavior."""

    @abstractmethod
    def scope(self, method: str, context: grpc.ServicerContext) -> AbstractContextManager[None]:
        """The scope for one call of ``method`` (full name ``/pkg.Service/Method``)."""

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        method: str = handler_call_details.method
        return wrap_handler(handler, lambda b, streaming: self._wrap(method, b, streaming))

    def _wrap(self, method: str, behavior: Behavior, response_streaming: bool) -> Behavior:
        if response_streaming:

            def stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                with self.scope(method, context):
                    yield from behavior(request, context)

            return stream

        def unary(request: Any, context: grpc.ServicerContext) -> Any:
            with self.scope(method, context):
                return behavior(request, context)

        return unary


def wrap_handler(
    handler: grpc.RpcMethodHandler, wrap: Callable[[Behavior, bool], Behavior]
) -> grpc.RpcMethodHandler:
    """A copy of ``handler`` whose behavior is ``wrap(behavior, response_streaming)``."""
    h: Any = handler
    kinds = {
        (False, False): (h.unary_unary, grpc.unary_unary_rpc_method_handler),
        (False, True): (h.unary_stream, grpc.unary_stream_rpc_method_handler),
        (True, False): (h.stream_unary, grpc.stream_unary_rpc_method_handler),
        (True, True): (h.stream_stream, grpc.stream_stream_rpc_method_handler),
    }
    behavior, factory = kinds[(bool(h.request_streaming), bool(h.response_streaming))]
    wrapped = wrap(behavior, bool(h.response_streaming))
    result: grpc.RpcMethodHandler = factory(
        wrapped,
        request_deserializer=h.request_deserializer,
        response_serializer=h.response_serializer,
    )
    return result
