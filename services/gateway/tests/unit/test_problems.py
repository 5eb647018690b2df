"""problem+json rendering of domain, validation and gRPC errors."""

from __future__ import annotations

import json
from typing import Any

import grpc
import pytest

from ansinh_common.errors import (
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from ansinh_common.grpc.problem import problem_metadata
from gateway.domain.errors import NotReady, RateLimited
from gateway.entrypoints.http.problems import error_from_grpc, problem_response
from gateway.entrypoints.http.validation import field_path, invalid_input


def body(response: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(bytes(response.body))
    return parsed


def test_domain_error_renders_rfc9457() -> None:
    err = InvalidInput(errors=[FieldError("members[0].national_id", "Sai định dạng.", "format")])
    resp = problem_response(err, instance="/api/v1/x", request_id="rid-1")
    assert resp.status_code == 422
    assert resp.media_type == "application/problem+json"
    assert body(resp) == {
        "type": "https://ansinh.gov.vn/problems/invalid-input",
        "title": "Dữ liệu không hợp lệ",
        "status": 422,
        "detail": "Một hoặc nhiều trường dữ liệu không hợp lệ.",
        "code": "invalid_input",
        "errors": [
            {"field": "members[0].national_id", "message": "Sai định dạng.", "code": "format"}
        ],
        "instance": "/api/v1/x",
        "request_id": "rid-1",
    }


@pytest.mark.parametrize(
    ("err", "status", "header"),
    [
        (RateLimited(17), 429, ("retry-after", "17")),
        (
            Unauthenticated(),
            401,
            ("www-authenticate", 'Bearer realm="ansinh", error="invalid_token"'),
        ),
        (NotReady(), 503, ("retry-after", "5")),
        (PermissionDenied(), 403, None),
        (NotFound(), 404, None),
    ],
)
def test_status_and_headers(err: Any, status: int, header: tuple[str, str] | None) -> None:
    resp = problem_response(err)
    assert resp.status_code == status and body(resp)["status"] == status
    if header:
        assert resp.headers[header[0]] == header[1]


def test_validation_field_paths_and_vietnamese_messages() -> None:
    assert field_path(("body", "members", 2, "national_id")) == "members[2].national_id"
    assert field_path(("query", "page_size")) == "query.page_size"
    err = invalid_input(
        [
            {"loc": ("body", "name"), "type": "missing", "msg": "Field required"},
            {"loc": ("body", "age"), "type": "greater_than_equal", "ctx": {"ge": 0}},
            {"loc": ("body", "x"), "type": "some_new_type"},
        ]
    )
    assert [(e.field, e.message, e.code) for e in err.errors] == [
        ("name", "Trường này là bắt buộc.", "missing"),
        ("age", "Phải lớn hơn hoặc bằng 0.", "greater_than_equal"),
        ("x", "Giá trị không hợp lệ.", "some_new_type"),
    ]


class _SyncRpcError(grpc.RpcError, grpc.Call):  # type: ignore[misc]
    """What a blocking stub raises: an RpcError that is also a Call."""

    def __init__(self, code: grpc.StatusCode, trailing: tuple[tuple[str, bytes], ...] = ()) -> None:
        self._code, self._trailing = code, trailing

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return ""

    def trailing_metadata(self) -> Any:
        return self._trailing

    def initial_metadata(self) -> Any:
        return ()

    def is_active(self) -> bool:
        return False

    def time_remaining(self) -> float | None:
        return None

    def cancel(self) -> bool:
        return False

    def add_callback(self, callback: Any) -> bool:
        return False


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (grpc.StatusCode.INVALID_ARGUMENT, 422),
        (grpc.StatusCode.NOT_FOUND, 404),
        (grpc.StatusCode.ALREADY_EXISTS, 409),
        (grpc.StatusCode.FAILED_PRECONDITION, 409),
        (grpc.StatusCode.PERMISSION_DENIED, 403),
        (grpc.StatusCode.UNAUTHENTICATED, 401),
        (grpc.StatusCode.UNAVAILABLE, 503),
        (grpc.StatusCode.DEADLINE_EXCEEDED, 503),
        (grpc.StatusCode.INTERNAL, 500),
    ],
)
def test_grpc_status_mapping(code: grpc.StatusCode, status: int) -> None:
    for exc in (
        _SyncRpcError(code),
        grpc.aio.AioRpcError(code, grpc.aio.Metadata(), grpc.aio.Metadata()),
    ):
        resp = problem_response(error_from_grpc(exc))
        assert resp.status_code == status
        assert body(resp)["title"]  # Vietnamese title from the shared error classes


def test_grpc_problem_details_are_kept() -> None:
    err = InvalidInput(
        "Số CCCD không hợp lệ.", errors=[FieldError("national_id", "Phải có 12 chữ số.")]
    )
    trailing = problem_metadata(err)
    for exc in (
        _SyncRpcError(grpc.StatusCode.INVALID_ARGUMENT, trailing),
        grpc.aio.AioRpcError(
            grpc.StatusCode.INVALID_ARGUMENT, grpc.aio.Metadata(), grpc.aio.Metadata(*trailing)
        ),
    ):
        b = body(problem_response(error_from_grpc(exc)))
        assert b["detail"] == "Số CCCD không hợp lệ."
        assert b["errors"][0]["field"] == "national_id"


def test_json_document_fields_are_named_as_in_the_rest_body() -> None:
    """``values_json`` (proto) is ``values`` in REST; the problem names the REST field."""
    err = InvalidInput(
        "Trường values_json không phải JSON hợp lệ.",
        errors=[
            FieldError("values_json", "JSON lỗi ở vị trí 3.", "invalid_json"),
            FieldError("amend.values_json", "Phải là một đối tượng JSON.", "invalid"),
            FieldError("values.personal_id", "Không tìm thấy công dân.", "not_found"),
        ],
    )
    exc = _SyncRpcError(grpc.StatusCode.INVALID_ARGUMENT, problem_metadata(err))
    fields = [e["field"] for e in body(problem_response(error_from_grpc(exc)))["errors"]]
    assert fields == ["values", "amend.values", "values.personal_id"]
