"""``/api/v1/me``: who the token says the caller is, and the province of their unit."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ansinh_common.catalogs import admin_units
from gateway.entrypoints.http.dependencies import CurrentPrincipal
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/me", tags=["identity"])


class Me(BaseModel):
    subject: str = Field(description="Mã định danh người dùng trong Keycloak (`sub`).")
    username: str = Field(description="Tên đăng nhập.")
    roles: list[str] = Field(description="Vai trò trong realm, sắp xếp theo thứ tự chữ cái.")
    unit_code: str | None = Field(description="Mã đơn vị hành chính của cán bộ.")
    national_id: str | None = Field(description="Số định danh cá nhân (CCCD) của công dân.")
    province_code: str | None = Field(
        default=None,
        description="Mã tỉnh (danh mục 2025) chứa đơn vị của cán bộ; trống nếu không có đơn vị.",
    )
    name: str | None = Field(default=None, description="Họ và tên (họ trước, tên sau).")


def province_of_unit(unit_code: str | None) -> str | None:
    """The 2025 province containing ``unit_code`` (a unit of either catalog), else ``None``."""
    if not unit_code:
        return None
    for version in (admin_units.CatalogVersion.V2025, admin_units.CatalogVersion.PRE2025):
        unit = admin_units.find_unit(unit_code, version)
        if unit is None:
            continue
        if unit.level is admin_units.Level.COUNTRY:
            return None
        code = admin_units.province_of(unit_code, version).code
        if version is admin_units.CatalogVersion.PRE2025:
            return admin_units.map_old_province_to_new(code)
        return code
    return None


@router.get("", response_model=Me, summary="Người dùng hiện tại", responses=problem_responses(401))
async def get_me(principal: CurrentPrincipal) -> Me:
    """Trả về thông tin người dùng lấy từ mã thông báo truy cập đã được xác thực."""
    return Me(
        subject=principal.subject,
        username=principal.username,
        roles=sorted(principal.roles),
        unit_code=principal.unit_code,
        national_id=principal.national_id,
        province_code=province_of_unit(principal.unit_code),
        name=principal.name,
    )
