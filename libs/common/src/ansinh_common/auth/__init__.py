"""Caller identity: the :class:`Principal` and how it is proven between services (ADR 0011).

Token verification lives in ``ansinh_common.auth.jwt``; a service's own token in
``ansinh_common.auth.client_credentials``; the gRPC interceptors in
``ansinh_common.auth.grpc_interceptors``; wiring from settings in ``ansinh_common.auth.wiring``.
"""

from ansinh_common.auth.principal import (
    AUTHORIZATION_METADATA_KEY,
    PRINCIPAL_METADATA_KEY,
    Principal,
    bearer_token,
    call_metadata,
    current_principal,
    require_principal,
    use_principal,
)

__all__ = [
    "AUTHORIZATION_METADATA_KEY",
    "PRINCIPAL_METADATA_KEY",
    "Principal",
    "bearer_token",
    "call_metadata",
    "current_principal",
    "require_principal",
    "use_principal",
]
