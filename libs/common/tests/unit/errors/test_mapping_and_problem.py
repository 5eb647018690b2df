"""The mapping tables and RFC 9457 bodies."""

from __future__ import annotations

import grpc
import pytest

from ansinh_common.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
    from_problem_json,
    http_status_of,
    to_problem_json,
)
from ansinh_common.grpc.status import ERROR_TO_GRPC, GRPC_TO_HTTP, grpc_status_for, http_status_for

S = grpc.StatusCode


@pytest.mark.parametrize(
    "error, code, http",
    [
        (InvalidInput, S.INVALID_ARGUMENT, 422),
        (NotFound, S.NOT_FOUND, 404),
        (AlreadyExists, S.ALREADY_EXISTS, 409),
        (FailedPrecondition, S.FAILED_PRECONDITION, 409),
        (PermissionDenied, S.PERMISSION_DENIED, 403),
        (Unauthenticated, S.UNAUTHENTICATED, 401),
        (Unavailable, S.UNAVAILABLE, 503),
        (DomainError, S.INTERNAL, 500),
    ],
)
def test_each_error_has_one_status(
    error: type[DomainError], code: grpc.StatusCode, http: int
) -> None:
    assert ERROR_TO_GRPC[error] is code
    assert grpc_status_for(error()) is code
    assert http_status_of(error()) == http


def test_grpc_to_http_as_in_the_design() -> None:
    assert http_status_for(S.DEADLINE_EXCEEDED) == 503
    for other in (S.UNKNOWN, S.INTERNAL, S.RESOURCE_EXHAUSTED, S.ABORTED, S.DATA_LOSS):
        assert http_status_for(other) == 500
    assert set(GRPC_TO_HTTP.values()) <= {200, 401, 403, 404, 409, 422, 503}


def test_http_status_of_every_error_class_agrees_with_the_grpc_tables() -> None:
    """``DomainError.http_status`` (no grpc import) and the gateway path gRPC → HTTP agree."""
    for error in ERROR_TO_GRPC:
        assert error.http_status == http_status_for(grpc_status_for(error)), error


def test_subclass_inherits_the_mapping() -> None:
    class DossierNotFound(NotFound):
        default_detail = "Không tìm thấy hồ sơ."

    assert grpc_status_for(DossierNotFound()) is S.NOT_FOUND
    assert DossierNotFound().detail == "Không tìm thấy hồ sơ."


def test_problem_json_is_rfc9457_in_vietnamese() -> None:
    err = InvalidInput(
        "Hồ sơ có 2 trường không hợp lệ.",
        errors=[
            FieldError("members[0].national_id", "Số CCCD phải có 12 chữ số.", "invalid_format"),
            FieldError("address.commune_code", "Bắt buộc nhập."),
        ],
    )
    body = to_problem_json(err, "/api/v1/ho-so")
    assert body == {
        "type": "https://ansinh.gov.vn/problems/invalid-input",
        "title": "Dữ liệu không hợp lệ",
        "status": 422,
        "detail": "Hồ sơ có 2 trường không hợp lệ.",
        "instance": "/api/v1/ho-so",
        "code": "invalid_input",
        "errors": [
            {
                "field": "members[0].national_id",
                "message": "Số CCCD phải có 12 chữ số.",
                "code": "invalid_format",
            },
            {"field": "address.commune_code", "message": "Bắt buộc nhập.", "code": ""},
        ],
    }
    back = from_problem_json(body)
    assert isinstance(back, InvalidInput)
    assert (back.title, back.detail, back.errors) == (err.title, err.detail, err.errors)


def test_defaults_and_unknown_codes() -> None:
    assert PermissionDenied().title == "Không có quyền truy cập"
    assert "instance" not in to_problem_json(NotFound())
    unknown = from_problem_json({"code": "weird", "detail": "x"}, default=Unavailable)
    assert isinstance(unknown, Unavailable) and unknown.detail == "x"
    assert from_problem_json({}).title == "Lỗi hệ thống"
