"""The gRPC mapping tables: domain error → gRPC status, gRPC status → HTTP status and back.

Kept out of ``ansinh_common.errors`` so that domain code, which raises those errors, never
imports grpc (ADR 0013). ``DomainError.http_status`` agrees with
``http_status_for(grpc_status_for(cls))`` for every shared error class (tested).
"""

from __future__ import annotations

from types import MappingProxyType

import grpc

from ansinh_common.errors.domain import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
)

ERROR_TO_GRPC: MappingProxyType[type[DomainError], grpc.StatusCode] = MappingProxyType(
    {
        DomainError: grpc.StatusCode.INTERNAL,
        InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
        NotFound: grpc.StatusCode.NOT_FOUND,
        AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
        FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
        PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
        Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
        Unavailable: grpc.StatusCode.UNAVAILABLE,
    }
)
"""Domain error class → gRPC status (subclasses resolve through their MRO)."""

GRPC_TO_HTTP: MappingProxyType[grpc.StatusCode, int] = MappingProxyType(
    {
        grpc.StatusCode.OK: 200,
        grpc.StatusCode.INVALID_ARGUMENT: 422,
        grpc.StatusCode.NOT_FOUND: 404,
        grpc.StatusCode.ALREADY_EXISTS: 409,
        grpc.StatusCode.FAILED_PRECONDITION: 409,
        grpc.StatusCode.PERMISSION_DENIED: 403,
        grpc.StatusCode.UNAUTHENTICATED: 401,
        grpc.StatusCode.UNAVAILABLE: 503,
        grpc.StatusCode.DEADLINE_EXCEEDED: 503,
    }
)
"""gRPC status → HTTP status at the gateway; anything not listed is 500."""

GRPC_TO_ERROR: MappingProxyType[grpc.StatusCode, type[DomainError]] = MappingProxyType(
    {
        grpc.StatusCode.INVALID_ARGUMENT: InvalidInput,
        grpc.StatusCode.NOT_FOUND: NotFound,
        grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
        grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
        grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
        grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
        grpc.StatusCode.UNAVAILABLE: Unavailable,
        grpc.StatusCode.DEADLINE_EXCEEDED: Unavailable,
    }
)
"""Client side: gRPC status without problem details → domain error class (else DomainError)."""


def grpc_status_for(error: DomainError | type[DomainError]) -> grpc.StatusCode:
    """The gRPC status of a domain error (instance or class)."""
    cls = error if isinstance(error, type) else type(error)
    for klass in cls.__mro__:
        code = ERROR_TO_GRPC.get(klass)
        if code is not None:
            return code
    return grpc.StatusCode.INTERNAL


def http_status_for(code: grpc.StatusCode) -> int:
    """The HTTP status the gateway answers for a gRPC status."""
    return GRPC_TO_HTTP.get(code, 500)
