"""Response models shared by the routers (they shape the OpenAPI document)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ansinh_common.errors import PROBLEM_CONTENT_TYPE


class FieldErrorModel(BaseModel):
    field: str = Field(description="Đường dẫn trường, ví dụ `members[2].national_id`.")
    message: str = Field(description="Thông báo lỗi bằng tiếng Việt.")
    code: str = Field(description="Mã lỗi máy đọc được, ví dụ `missing`.")


class Problem(BaseModel):
    """RFC 9457 problem document (`application/problem+json`)."""

    type: str = Field(description="URI định danh loại lỗi.")
    title: str = Field(description="Tóm tắt lỗi bằng tiếng Việt.")
    status: int = Field(description="Mã trạng thái HTTP.")
    detail: str = Field(description="Giải thích cụ thể bằng tiếng Việt.")
    instance: str | None = Field(default=None, description="Đường dẫn của yêu cầu.")
    code: str = Field(description="Mã lỗi ổn định (tiếng Anh, snake_case).")
    errors: list[FieldErrorModel] = Field(default_factory=list, description="Lỗi theo trường.")
    request_id: str | None = Field(default=None, description="Giá trị X-Request-ID.")


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting problem+json bodies."""
    return {
        s: {"model": Problem, "content": {PROBLEM_CONTENT_TYPE: {}}, "description": _DESC[s]}
        for s in statuses
    }


_DESC = {
    401: "Thiếu, sai hoặc hết hạn mã thông báo truy cập.",
    403: "Không có quyền.",
    404: "Không tìm thấy.",
    409: "Xung đột trạng thái.",
    413: "Nội dung quá lớn.",
    422: "Dữ liệu không hợp lệ (kèm danh sách lỗi theo trường).",
    429: "Quá nhiều yêu cầu (kèm tiêu đề Retry-After).",
    500: "Lỗi hệ thống.",
    503: "Dịch vụ phụ thuộc chưa sẵn sàng.",
}
