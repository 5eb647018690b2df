"""Domain errors and RFC 9457 problem bodies (no I/O: domain code imports this).

The gRPC side (status tables, problem details in trailing metadata, ``abort_with_error``,
``error_from_rpc``) is in ``ansinh_common.grpc.status`` and ``ansinh_common.grpc.problem``.
"""

from ansinh_common.errors.domain import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
)
from ansinh_common.errors.problem import (
    PROBLEM_CONTENT_TYPE,
    from_problem_json,
    http_status_of,
    to_problem_json,
)

__all__ = [
    "PROBLEM_CONTENT_TYPE",
    "AlreadyExists",
    "DomainError",
    "FailedPrecondition",
    "FieldError",
    "InvalidInput",
    "NotFound",
    "PermissionDenied",
    "Unauthenticated",
    "Unavailable",
    "from_problem_json",
    "http_status_of",
    "to_problem_json",
]
