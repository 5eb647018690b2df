"""gRPC interceptors that carry the :class:`Principal` from caller to callee.

Client: attaches the current principal (``use_principal`` / the call being served) to
every outgoing call. Server: makes the caller's principal current for the servicer and
its use cases (``current_principal()`` / ``require_principal()``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import grpc

from ansinh_common.auth.principal import (
    PRINCIPAL_METADATA_KEY,
    current_principal,
    principal_from_metadata,
    principal_metadata,
    use_principal,
)
from ansinh_common.grpc.call_details import CallDetails, DetailsClientInterceptor
from ansinh_common.grpc.handlers import ScopedServerInterceptor


class PrincipalClientInterceptor(DetailsClientInterceptor):
    """Adds ``ansinh-principal-bin`` from the current principal unless already set."""

    def rewrite(self, details: CallDetails) -> CallDetails:
        principal = current_principal()
        if principal is None or details.has_metadata(PRINCIPAL_METADATA_KEY):
            return details
        return details.with_metadata(*principal_metadata(principal))


class PrincipalServerInterceptor(ScopedServerInterceptor):
    """Reads the caller's principal from the metadata into ``current_principal()``.

    A malformed principal raises ``Unauthenticated`` (mapped by the error interceptor).
    """

    @contextmanager
    def scope(self, method: str, context: grpc.ServicerContext) -> Iterator[None]:
        principal = principal_from_metadata(context.invocation_metadata())
        with use_principal(principal):
            yield
