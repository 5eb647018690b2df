"""RFC 9457 problem documents for domain errors, and back.

The field names match ``ansinh.common.v1.ProblemDetail`` (type, title, status, detail,
instance, code, errors[field, message, code]).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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

PROBLEM_CONTENT_TYPE = "application/problem+json"

_BY_CODE: dict[str, type[DomainError]] = {
    cls.code: cls
    for cls in (
        DomainError,
        InvalidInput,
        NotFound,
        AlreadyExists,
        FailedPrecondition,
        PermissionDenied,
        Unauthenticated,
        Unavailable,
    )
}


def http_status_of(err: DomainError) -> int:
    """HTTP status of a domain error (``DomainError.http_status``, inherited by subclasses)."""
    return err.http_status


def to_problem_json(err: DomainError, instance: str | None = None) -> dict[str, Any]:
    """The RFC 9457 body for ``err``; ``instance`` is usually the request path."""
    body: dict[str, Any] = {
        "type": err.type_uri,
        "title": err.title,
        "status": http_status_of(err),
        "detail": err.detail,
        "code": err.code,
        "errors": [{"field": e.field, "message": e.message, "code": e.code} for e in err.errors],
    }
    if instance is not None:
        body["instance"] = instance
    return body


def from_problem_json(
    body: Mapping[str, Any], default: type[DomainError] = DomainError
) -> DomainError:
    """Rebuild a domain error from a problem body (unknown ``code`` → ``default``)."""
    cls = _BY_CODE.get(str(body.get("code", "")), default)
    raw_errors = body.get("errors") or []
    errors = [
        FieldError(str(e.get("field", "")), str(e.get("message", "")), str(e.get("code", "")))
        for e in raw_errors
        if isinstance(e, Mapping)
    ]
    title = body.get("title")
    detail = body.get("detail")
    return cls(
        str(detail) if detail else None,
        title=str(title) if title else None,
        errors=errors,
    )
