"""Caller identity: the :class:`Principal` and how it travels between services.

Token verification (gateway only) lives in ``ansinh_common.auth.jwt``; the gRPC
interceptors in ``ansinh_common.auth.grpc_interceptors``.
"""

from ansinh_common.auth.principal import (
    PRINCIPAL_METADATA_KEY,
    Principal,
    current_principal,
    principal_from_metadata,
    principal_metadata,
    require_principal,
    use_principal,
)

__all__ = [
    "PRINCIPAL_METADATA_KEY",
    "Principal",
    "current_principal",
    "principal_from_metadata",
    "principal_metadata",
    "require_principal",
    "use_principal",
]
