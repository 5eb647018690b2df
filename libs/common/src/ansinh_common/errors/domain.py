"""The domain error hierarchy shared by every service.

Business code raises these; they are mapped once at the edges (gRPC status in
``ansinh_common.grpc.status``, HTTP problem+json at the gateway). This package imports no
I/O library (no grpc), so domain code may import it. Titles and details are
Vietnamese because they are shown to citizens and officers as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

PROBLEM_TYPE_BASE = "https://ansinh.gov.vn/problems/"


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid field: dotted path with indices (``members[2].national_id``)."""

    field: str
    message: str
    code: str = ""


class DomainError(Exception):
    """Base of all expected business errors (maps to INTERNAL when used directly)."""

    code: ClassVar[str] = "internal"
    http_status: ClassVar[int] = 500
    """HTTP status of the problem body (the gRPC status is in ``ansinh_common.grpc.status``)."""
    default_title: ClassVar[str] = "Lỗi hệ thống"
    default_detail: ClassVar[str] = "Hệ thống gặp lỗi ngoài dự kiến, vui lòng thử lại sau."

    def __init__(
        self,
        detail: str | None = None,
        *,
        title: str | None = None,
        errors: Sequence[FieldError] = (),
    ) -> None:
        self.title = title or self.default_title
        self.detail = detail or self.default_detail
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__(self.detail)

    @property
    def type_uri(self) -> str:
        """RFC 9457 ``type``: one URI per error class."""
        return PROBLEM_TYPE_BASE + self.code.replace("_", "-")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.detail!r}, errors={list(self.errors)!r})"


class InvalidInput(DomainError):  # noqa: N818
    """The request is malformed or breaks a validation rule (422)."""

    code = "invalid_input"
    http_status = 422
    default_title = "Dữ liệu không hợp lệ"
    default_detail = "Một hoặc nhiều trường dữ liệu không hợp lệ."


class NotFound(DomainError):  # noqa: N818
    """The addressed record does not exist or is outside the caller's scope (404)."""

    code = "not_found"
    http_status = 404
    default_title = "Không tìm thấy"
    default_detail = "Không tìm thấy dữ liệu được yêu cầu."


class AlreadyExists(DomainError):  # noqa: N818
    """A record with the same identity already exists (409)."""

    code = "already_exists"
    http_status = 409
    default_title = "Dữ liệu đã tồn tại"
    default_detail = "Dữ liệu với cùng định danh đã tồn tại."


class FailedPrecondition(DomainError):  # noqa: N818
    """The record's state does not allow the action (conflict, 409)."""

    code = "failed_precondition"
    http_status = 409
    default_title = "Không thể thực hiện thao tác"
    default_detail = "Trạng thái hiện tại của dữ liệu không cho phép thao tác này."


class PermissionDenied(DomainError):  # noqa: N818
    """The caller is authenticated but lacks the role or the unit scope (403)."""

    code = "permission_denied"
    http_status = 403
    default_title = "Không có quyền truy cập"
    default_detail = "Bạn không có quyền thực hiện thao tác này."


class Unauthenticated(DomainError):  # noqa: N818
    """No valid caller identity (401)."""

    code = "unauthenticated"
    http_status = 401
    default_title = "Chưa xác thực"
    default_detail = "Vui lòng đăng nhập để tiếp tục."


class Unavailable(DomainError):  # noqa: N818
    """A dependency is temporarily unavailable or too slow (503)."""

    code = "unavailable"
    http_status = 503
    default_title = "Dịch vụ tạm thời không khả dụng"
    default_detail = "Dịch vụ đang tạm thời gián đoạn, vui lòng thử lại sau."
