"""Domain errors, their gRPC/HTTP mapping tables and RFC 9457 problem bodies."""

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
from ansinh_common.errors.grpc_status import (
    PROBLEM_METADATA_KEY,
    abort_with_error,
    error_from_rpc,
    problem_from_metadata,
    problem_metadata,
)
from ansinh_common.errors.mapping import (
    ERROR_TO_GRPC,
    GRPC_TO_ERROR,
    GRPC_TO_HTTP,
    grpc_status_for,
    http_status_for,
)
from ansinh_common.errors.problem import (
    PROBLEM_CONTENT_TYPE,
    from_problem_json,
    http_status_of,
    to_problem_json,
)

__all__ = [
    "ERROR_TO_GRPC",
    "GRPC_TO_ERROR",
    "GRPC_TO_HTTP",
    "PROBLEM_CONTENT_TYPE",
    "PROBLEM_METADATA_KEY",
    "AlreadyExists",
    "DomainError",
    "FailedPrecondition",
    "FieldError",
    "InvalidInput",
    "NotFound",
    "PermissionDenied",
    "Unauthenticated",
    "Unavailable",
    "abort_with_error",
    "error_from_rpc",
    "from_problem_json",
    "grpc_status_for",
    "http_status_for",
    "http_status_of",
    "problem_from_metadata",
    "problem_metadata",
    "to_problem_json",
]
