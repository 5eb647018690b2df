"""``GET /api/v1/beneficiaries/{province_code}/{record_id}/reads``: who read a record.

The registry keeps an append-only audit of every read of one person's record, history, export
or search by their ID number (Decree 13/2023/NĐ-CP); whoever may read the record may see it.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import principal_metadata
from ansinh_common.errors import Unavailable
from gateway.entrypoints.http.dependencies import CurrentPrincipal, GatewayDep
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/beneficiaries", tags=["beneficiaries"])
MSG_NOT_CONFIGURED = "Dịch vụ quản lý đối tượng chưa được cấu hình trên cổng API."


class RecordRead(BaseModel):
    read_at: str = Field(description="Thời điểm đọc (RFC 3339, UTC).")
    kind: str = Field(description="Nội dung đã đọc: record, history, export hoặc search.")
    reader_username: str = Field(description="Tài khoản đã đọc.")
    reader_roles: list[str] = Field(description="Vai trò của tài khoản.")
    reader_unit_code: str = Field(description="Đơn vị của tài khoản.")
    client_address: str = Field(description="Địa chỉ máy khách.")
    route: str = Field(description="Chức năng đã dùng (phương thức và địa chỉ API).")


class RecordReadPage(BaseModel):
    items: list[RecordRead]
    next_page_token: str = ""


@router.get(
    "/{province_code}/{record_id}/reads",
    response_model=RecordReadPage,
    summary="Ai đã xem hồ sơ",
    responses=problem_responses(401, 403, 404, 422, 503),
)
async def list_record_reads(
    province_code: Annotated[str, Path(pattern=r"^\d{2}$", description="Mã tỉnh của hồ sơ.")],
    record_id: Annotated[str, Path(max_length=64, description="Mã hồ sơ (UUID).")],
    principal: CurrentPrincipal,
    gateway: GatewayDep,
    page_size: Annotated[int, Query(ge=1, le=500, description="Số bản ghi mỗi trang.")] = 50,
    page_token: Annotated[str, Query(max_length=32, description="Mã trang tiếp theo.")] = "",
) -> RecordReadPage:
    """Nhật ký các lần xem hồ sơ, lịch sử, tệp xuất hoặc tra cứu theo số định danh của người
    này, mới nhất trước (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân)."""
    channel = gateway.channels.get("registry")
    if channel is None:
        raise Unavailable(MSG_NOT_CONFIGURED)
    stub = registry_pb2_grpc.RegistryServiceStub(channel)
    msg = registry_pb2.ListRecordReadsRequest(
        record_id=record_id, province_code=province_code,
        page=common_pb2.PageRequest(page_size=page_size, page_token=page_token),
    )  # fmt: skip
    resp = await asyncio.to_thread(
        stub.ListRecordReads, msg, metadata=principal_metadata(principal),
        timeout=gateway.settings.grpc_deadline_seconds,
    )  # fmt: skip
    items = [
        RecordRead(
            read_at=r.read_at,
            kind=r.kind,
            reader_username=r.reader_username,
            reader_roles=list(r.reader_roles),
            reader_unit_code=r.reader_unit_code,
            client_address=r.client_address,
            route=r.route,
        )
        for r in resp.reads
    ]
    return RecordReadPage(items=items, next_page_token=resp.page.next_page_token)
