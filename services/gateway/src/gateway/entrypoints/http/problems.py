"""Render any error as an RFC 9457 ``application/problem+json`` response."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import grpc
from starlette.responses import JSONResponse

from ansinh_common.errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    Unauthenticated,
    Unavailable,
    from_problem_json,
    http_status_of,
    to_problem_json,
)
from ansinh_common.grpc.problem import error_from_rpc, problem_from_metadata
from ansinh_common.grpc.status import GRPC_TO_ERROR
from gateway.domain.errors import RATE_LIMITED_STATUS, RateLimited
from gateway.entrypoints.http.proto_rest.conventions import JSON_SUFFIX
from gateway.entrypoints.http.request_id import current_request_id

DEFAULT_FIELD_CODE = "invalid"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_CONTENT_TYPE


def status_of(err: DomainError) -> int:
    if isinstance(err, RateLimited):
        return RATE_LIMITED_STATUS
    return http_status_of(err)


def problem_response(
    err: DomainError,
    *,
    instance: str | None = None,
    request_id: str | None = None,
    headers: Mapping[str, str] | None = None,
    status: int | None = None,
) -> ProblemResponse:
    """The problem+json response for ``err`` (status from the shared tables unless given)."""
    body: dict[str, Any] = to_problem_json(err, instance=instance)
    for field_error in body["errors"]:  # a machine code for every field error, never ""
        field_error["code"] = field_error["code"] or DEFAULT_FIELD_CODE
    status = status or status_of(err)
    body["status"] = status
    rid = request_id or current_request_id()
    if rid:
        body["request_id"] = rid
    extra = dict(headers or {})
    if isinstance(err, RateLimited):
        extra["Retry-After"] = str(err.retry_after_seconds)
    elif isinstance(err, Unauthenticated):
        extra.setdefault("WWW-Authenticate", 'Bearer realm="ansinh", error="invalid_token"')
    elif isinstance(err, Unavailable):
        extra.setdefault("Retry-After", "5")
    return ProblemResponse(body, status_code=status, headers=extra)


def rest_field(path: str) -> str:
    """A service's field path in REST terms: a ``<name>_json`` proto field (a JSON document)
    is ``<name>`` in the REST body (``proto_rest.conventions``): ``values_json`` → ``values``,
    ``amend.values_json`` → ``amend.values``."""
    return ".".join(
        part[: -len(JSON_SUFFIX)] if part.endswith(JSON_SUFFIX) and part != JSON_SUFFIX else part
        for part in path.split(".")
    )


def error_from_grpc(exc: grpc.RpcError) -> DomainError:
    """The domain error behind a failed backend call (blocking or ``grpc.aio``), its field
    paths named as in the REST body."""
    if isinstance(exc, grpc.aio.AioRpcError):
        code = exc.code()
        cls = GRPC_TO_ERROR.get(code, DomainError)
        body = problem_from_metadata(exc.trailing_metadata())
        err = from_problem_json(body, default=cls) if body is not None else cls()
    else:
        err = error_from_rpc(exc)
    err.errors = tuple(replace(e, field=rest_field(e.field)) for e in err.errors)
    return err
