"""A client interceptor base that rewrites call details (timeout, metadata) only."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import grpc

Metadata = Sequence[tuple[str, str | bytes]]


@dataclass(frozen=True)
class CallDetails(grpc.ClientCallDetails):  # type: ignore[misc]
    """Concrete ``grpc.ClientCallDetails`` (the grpc one is an abstract interface)."""

    method: str
    timeout: float | None
    metadata: Metadata | None
    credentials: grpc.CallCredentials | None
    wait_for_ready: bool | None
    compression: grpc.Compression | None

    @classmethod
    def of(cls, details: grpc.ClientCallDetails) -> CallDetails:
        d: Any = details
        return cls(
            d.method,
            d.timeout,
            d.metadata,
            d.credentials,
            getattr(d, "wait_for_ready", None),
            getattr(d, "compression", None),
        )

    def with_metadata(self, *extra: tuple[str, str | bytes]) -> CallDetails:
        """A copy with ``extra`` appended to the metadata."""
        return replace(self, metadata=(*(self.metadata or ()), *extra))

    def has_metadata(self, key: str) -> bool:
        return any(k == key for k, _ in self.metadata or ())


class DetailsClientInterceptor(
    grpc.UnaryUnaryClientInterceptor,  # type: ignore[misc]
    grpc.UnaryStreamClientInterceptor,  # type: ignore[misc]
    grpc.StreamUnaryClientInterceptor,  # type: ignore[misc]
    grpc.StreamStreamClientInterceptor,  # type: ignore[misc]
    ABC,
):
    """Subclasses rewrite the call details; the same for all four call kinds."""

    @abstractmethod
    def rewrite(self, details: CallDetails) -> CallDetails:
        """The details to use for this call."""

    def _go(self, continuation: Callable[..., Any], details: Any, request: Any) -> Any:
        return continuation(self.rewrite(CallDetails.of(details)), request)

    def intercept_unary_unary(
        self, continuation: Any, client_call_details: Any, request: Any
    ) -> Any:
        return self._go(continuation, client_call_details, request)

    def intercept_unary_stream(
        self, continuation: Any, client_call_details: Any, request: Any
    ) -> Any:
        return self._go(continuation, client_call_details, request)

    def intercept_stream_unary(
        self, continuation: Any, client_call_details: Any, request_iterator: Any
    ) -> Any:
        return self._go(continuation, client_call_details, request_iterator)

    def intercept_stream_stream(
        self, continuation: Any, client_call_details: Any, request_iterator: Any
    ) -> Any:
        return self._go(continuation, client_call_details, request_iterator)
