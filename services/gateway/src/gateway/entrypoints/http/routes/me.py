"""``/api/v1/me``: who the token says the caller is."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from gateway.entrypoints.http.dependencies import CurrentPrincipal
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/me", tags=["identity"])


class Me(BaseModel):
    subject: str = Field(description="Mã định danh người dùng trong Keycloak (`sub`).")
    username: str = Field(description="Tên đăng nhập.")
    roles: list[str] = Field(description="Vai trò trong realm, sắp xếp theo thứ tự chữ cái.")
    unit_code: str | None = Field(description="Mã đơn vị hành chính của cán bộ.")
    national_id: str | None = Field(description="Số định danh cá nhân (CCCD) của công dân.")


@router.get("", response_model=Me, summary="Người dùng hiện tại", responses=problem_responses(401))
async def get_me(principal: CurrentPrincipal) -> Me:
    """Trả về thông tin người dùng lấy từ mã thông báo truy cập đã được xác thực."""
    return Me(
        subject=principal.subject,
        username=principal.username,
        roles=sorted(principal.roles),
        unit_code=principal.unit_code,
        national_id=principal.national_id,
    )
