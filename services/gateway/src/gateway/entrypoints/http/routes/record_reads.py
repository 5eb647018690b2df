"""``GET /api/v1/beneficiaries/{province_code}/{record_id}/reads``: who read a record.

The registry keeps an append-only audit of every read of one person's record, history, export
or search by their ID number (Decree 13/2023/NĐ-CP, ADR 0010); whoever may read the record may
see it. Served through the gateway's one backend client (``Call``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from ansinh.registry.v1 import registry_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/beneficiaries", tags=["beneficiaries"])
LIST_READS = Service(pb, "RegistryService", backend="registry").rpc("ListRecordReads")


class RecordRead(BaseModel):
    read_at: str = Field(description="Thời điểm đọc (RFC 3339, UTC).")
    kind: str = Field(description="Nội dung đã đọc: record, history, export hoặc search.")
    reader_subject: str = Field(default="", description="Mã định danh tài khoản (Keycloak).")
    reader_username: str = Field(description="Tài khoản đã đọc.")
    reader_roles: list[str] = Field(default_factory=list, description="Vai trò của tài khoản.")
    reader_unit_code: str = Field(default="", description="Đơn vị của tài khoản.")
    client_address: str = Field(default="", description="Địa chỉ máy khách.")
    route: str = Field(default="", description="Chức năng đã dùng (phương thức và địa chỉ API).")


class RecordReadPage(BaseModel):
    items: list[RecordRead]
    next_page_token: str = Field(default="", description="Trống ở trang cuối.")


@router.get(
    "/{province_code}/{record_id}/reads",
    response_model=RecordReadPage,
    summary="Ai đã xem hồ sơ",
    responses=problem_responses(401, 403, 404, 422, 503),
    openapi_extra=LIST_READS.openapi,
)
async def list_record_reads(
    province_code: Annotated[str, Path(pattern=r"^\d{2}$", description="Mã tỉnh của hồ sơ.")],
    record_id: Annotated[str, Path(max_length=64, description="Mã hồ sơ (UUID).")],
    call: Call,
    page_size: Annotated[int, Query(ge=1, le=500, description="Số bản ghi mỗi trang.")] = 50,
    page_token: Annotated[str, Query(max_length=32, description="Mã trang tiếp theo.")] = "",
) -> Any:
    """Nhật ký các lần xem hồ sơ, lịch sử, tệp xuất hoặc tra cứu theo số định danh của người
    này, mới nhất trước (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân)."""
    return await call(
        LIST_READS, record_id=record_id, province_code=province_code,
        page_size=page_size, page_token=page_token,
    )  # fmt: skip
