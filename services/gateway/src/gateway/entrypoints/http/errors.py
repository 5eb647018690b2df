"""Exception handlers: every error leaves the gateway as problem+json."""

from __future__ import annotations

import logging

import grpc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ansinh_common.errors import (
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from gateway.entrypoints.http.dependencies import authenticate, bearer_scheme
from gateway.entrypoints.http.problems import error_from_grpc, problem_response
from gateway.entrypoints.http.validation import invalid_input

log = logging.getLogger(__name__)

_HTTP_TITLES: dict[int, tuple[str, str]] = {
    400: ("Yêu cầu không hợp lệ", "Máy chủ không hiểu được yêu cầu."),
    401: ("Chưa xác thực", "Vui lòng đăng nhập để tiếp tục."),
    403: ("Không có quyền truy cập", "Bạn không có quyền thực hiện thao tác này."),
    404: ("Không tìm thấy", "Không có tài nguyên nào tại địa chỉ này."),
    405: ("Phương thức không được hỗ trợ", "Địa chỉ này không hỗ trợ phương thức HTTP đã dùng."),
    406: ("Không đáp ứng được định dạng", "Máy chủ không trả về được định dạng yêu cầu."),
    413: ("Nội dung quá lớn", "Nội dung yêu cầu vượt quá kích thước cho phép."),
    415: ("Định dạng không được hỗ trợ", "Kiểu nội dung của yêu cầu không được hỗ trợ."),
}


_HTTP_CODES: dict[int, str] = {
    400: "bad_request",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
}
_BEFORE_AUTH = frozenset({400, 413, 415, 422})
"""Statuses FastAPI may answer before the route's dependencies ran (body not readable)."""


def _http_error_class(status: int) -> type[DomainError]:
    """A problem class whose machine code names the HTTP status (never ``internal``)."""
    known: dict[int, type[DomainError]] = {
        401: Unauthenticated, 403: PermissionDenied, 404: NotFound,
    }  # fmt: skip
    if status in known:
        return known[status]
    code = _HTTP_CODES.get(status, "bad_request" if status < 500 else "internal")
    return type(f"Http{status}", (DomainError,), {"code": code})


async def _unauthenticated_first(request: Request) -> Unauthenticated | None:
    """A request to a route that needs a token, refused for its body before the token was
    checked, is answered 401 if the token is missing or invalid (no hint about the body)."""
    route = request.scope.get("route")
    if route is None or not request.url.path.startswith("/api/"):
        return None
    gateway = getattr(request.app.state, "gateway", None)
    if gateway is None:
        return None
    try:
        await authenticate(request, gateway, await bearer_scheme(request))
    except Unauthenticated as err:
        return err
    return None


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    return problem_response(exc, instance=request.url.path)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    refused = await _unauthenticated_first(request)
    if refused is not None:
        return problem_response(refused, instance=request.url.path)
    return problem_response(invalid_input(exc.errors()), instance=request.url.path)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code in _BEFORE_AUTH:
        refused = await _unauthenticated_first(request)
        if refused is not None:
            return problem_response(refused, instance=request.url.path)
    title, detail = _HTTP_TITLES.get(exc.status_code, ("Lỗi yêu cầu", "Yêu cầu không xử lý được."))
    cls = _http_error_class(exc.status_code)
    if exc.status_code == 413:  # the request's fault, not "internal"; the limit in the detail
        cls = InvalidInput
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else detail
    return problem_response(
        cls(detail, title=title),
        instance=request.url.path,
        headers=exc.headers,
        status=exc.status_code,
    )


async def _grpc_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, grpc.RpcError)
    err = error_from_grpc(exc)
    log.info("backend call failed on %s: %s", request.url.path, err.detail)
    return problem_response(err, instance=request.url.path)


def install_error_handlers(app: FastAPI) -> None:
    """Map domain, validation, HTTP and gRPC errors; anything else is handled (as 500)
    by the request-id middleware so that even crashes carry the request id."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(grpc.RpcError, _grpc_error)
