"""Carry a domain error over gRPC and rebuild it on the client side.

Server: status code from ``ERROR_TO_GRPC``, status message = the Vietnamese detail, and
the whole problem body as JSON in the trailing metadata key ``ansinh-problem-bin``.
Client: :func:`error_from_rpc` reads that key back (or falls back to the status code).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NoReturn

import grpc

from ansinh_common.errors.domain import DomainError, Unavailable
from ansinh_common.errors.problem import from_problem_json, to_problem_json
from ansinh_common.grpc.status import GRPC_TO_ERROR, grpc_status_for

PROBLEM_METADATA_KEY = "ansinh-problem-bin"

_Metadata = Iterable[tuple[str, str | bytes]]


def problem_metadata(err: DomainError) -> tuple[tuple[str, bytes]]:
    """Trailing metadata carrying ``err`` as a JSON problem body."""
    body = json.dumps(to_problem_json(err), ensure_ascii=False).encode()
    return ((PROBLEM_METADATA_KEY, body),)


def abort_with_error(context: grpc.ServicerContext, err: DomainError) -> NoReturn:
    """Abort the current RPC with the mapped status and the problem details."""
    context.set_trailing_metadata(problem_metadata(err))
    context.abort(grpc_status_for(err), err.detail)
    raise AssertionError("unreachable: context.abort raises")  # pragma: no cover


def problem_from_metadata(metadata: _Metadata | None) -> dict[str, Any] | None:
    """The problem body in ``metadata``, if any and well-formed."""
    for key, value in metadata or ():
        if key == PROBLEM_METADATA_KEY:
            raw = value if isinstance(value, bytes) else value.encode()
            try:
                body = json.loads(raw)
            except ValueError:
                return None
            return body if isinstance(body, dict) else None
    return None


def error_from_rpc(exc: grpc.RpcError) -> DomainError:
    """Rebuild the domain error behind a failed call (``grpc.RpcError`` that is a Call).

    DEADLINE_EXCEEDED and UNAVAILABLE become :class:`Unavailable`; codes without a
    domain meaning become the base :class:`DomainError` (HTTP 500).
    """
    code: grpc.StatusCode = exc.code() if isinstance(exc, grpc.Call) else grpc.StatusCode.UNKNOWN
    cls = GRPC_TO_ERROR.get(code, DomainError)
    trailing = exc.trailing_metadata() if isinstance(exc, grpc.Call) else None
    body = problem_from_metadata(trailing)
    if body is not None:
        return from_problem_json(body, default=cls)
    if cls is Unavailable and code is grpc.StatusCode.DEADLINE_EXCEEDED:
        return Unavailable("Dịch vụ phản hồi quá thời gian cho phép, vui lòng thử lại sau.")
    return cls()
