"""``/api/v1/accounts`` and ``/api/v1/identity-checks``: the identity service over REST.

Account provisioning (create, disable, enable, reset password) is allowed only to an account of
the directly superior unit; refusals are 403 problem+json with a Vietnamese ``detail``. Every
call is forwarded to the identity service (gRPC ``ansinh.identity.v1.IdentityService``, backend
``identity`` of ``ANSINH_GRPC_BACKENDS``) with the caller's principal and IP address.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Request, status
from pydantic import BaseModel, Field

from ansinh.common.v1 import common_pb2
from ansinh.identity.v1 import identity_pb2, identity_pb2_grpc
from ansinh_common.auth.principal import Principal, call_metadata
from ansinh_common.errors import Unavailable
from gateway.entrypoints.http.dependencies import CurrentPrincipal, GatewayDep, client_ip
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(tags=["accounts"])

BACKEND = "identity"
CLIENT_ADDRESS_METADATA_KEY = "ansinh-client-address"
MSG_NOT_CONFIGURED = "Dịch vụ định danh chưa được cấu hình trên cổng API."
T = TypeVar("T")
Username = Annotated[str, Path(description="Tên đăng nhập của tài khoản.", max_length=64)]


class AccountOut(BaseModel):
    user_id: str = Field(description="Mã người dùng trong Keycloak (`sub`).")
    username: str
    first_name: str
    last_name: str
    email: str
    unit_code: str = Field(description="Mã đơn vị hành chính của tài khoản.")
    catalog_version: str = Field(description="Phiên bản danh mục: `pre2025` hoặc `2025`.")
    roles: list[str]
    enabled: bool


class AccountCreated(BaseModel):
    account: AccountOut
    generated_password: str | None = Field(
        default=None, description="Mật khẩu do hệ thống tạo (chỉ trả về một lần)."
    )


class AccountIn(BaseModel):
    username: str = Field(min_length=3, max_length=64, examples=["xa.ngocha.canbo"])
    first_name: str = Field(min_length=1, max_length=255, examples=["Hoa"])
    last_name: str = Field(min_length=1, max_length=255, examples=["Nguyễn Thị"])
    email: str = Field(min_length=3, max_length=255, examples=["hoa@xa.ngocha.demo"])
    unit_code: str = Field(
        description="Đơn vị của tài khoản, phải trực thuộc trực tiếp đơn vị người tạo.",
        examples=["00008"],
    )
    roles: list[str] = Field(min_length=1, examples=[["commune_officer"]])
    password: str | None = Field(
        default=None, min_length=8, max_length=128, description="Bỏ trống: hệ thống tự tạo."
    )
    require_password_change: bool = Field(
        default=True, description="Bắt buộc đổi mật khẩu ở lần đăng nhập đầu tiên."
    )


class PasswordResetIn(BaseModel):
    password: str | None = Field(default=None, min_length=8, max_length=128)
    require_password_change: bool = True


class IdentityCheckIn(BaseModel):
    national_id: str = Field(max_length=20, examples=["001090012345"])
    full_name: str = Field(min_length=1, max_length=255, examples=["Nguyễn Văn An"])
    birth_date: date = Field(examples=["1990-05-15"])
    gender: Literal["male", "female"]


class MismatchOut(BaseModel):
    code: str = Field(description="Mã lý do, ví dụ `birth_date_mismatch`.")
    field: str = Field(description="Trường không khớp.")
    message: str = Field(description="Giải thích bằng tiếng Việt.")


class IdentityCheckOut(BaseModel):
    matched: bool
    mismatches: list[MismatchOut]


def _stub(gateway: GatewayDep) -> identity_pb2_grpc.IdentityServiceStub:
    channel = gateway.channels.get(BACKEND)
    if channel is None:
        raise Unavailable(MSG_NOT_CONFIGURED)
    return identity_pb2_grpc.IdentityServiceStub(channel)


Stub = Annotated[identity_pb2_grpc.IdentityServiceStub, Depends(_stub)]


async def _call(
    method: Callable[..., T], request: Any, principal: Principal, http: Request, gateway: GatewayDep
) -> T:
    """Run a blocking stub call off the event loop with the principal and the client IP."""
    address = client_ip(http, gateway.settings.trust_forwarded_for)
    metadata = (*call_metadata(principal), (CLIENT_ADDRESS_METADATA_KEY, address))
    timeout = gateway.settings.grpc_deadline_seconds
    return await asyncio.to_thread(method, request, metadata=metadata, timeout=timeout)


def _account(msg: identity_pb2.Account) -> AccountOut:
    return AccountOut(
        user_id=msg.user_id,
        username=msg.username,
        first_name=msg.first_name,
        last_name=msg.last_name,
        email=msg.email,
        unit_code=msg.unit_code,
        catalog_version=msg.catalog_version,
        roles=list(msg.roles),
        enabled=msg.enabled,
    )


_ERRORS = problem_responses(401, 403, 404, 409, 422, 503)


@router.post(
    "/accounts",
    status_code=status.HTTP_201_CREATED,
    response_model=AccountCreated,
    summary="Tạo tài khoản cho đơn vị cấp dưới trực tiếp",
    responses=_ERRORS,
)
async def create_account(
    body: AccountIn, principal: CurrentPrincipal, stub: Stub, request: Request, gateway: GatewayDep
) -> AccountCreated:
    """Tạo tài khoản cán bộ cho đơn vị trực thuộc trực tiếp đơn vị của người gọi
    (Bộ → tỉnh → huyện → xã, hoặc Bộ → tỉnh → xã theo mô hình hai cấp). Được ghi nhật ký."""
    msg = identity_pb2.CreateAccountRequest(
        username=body.username,
        first_name=body.first_name,
        last_name=body.last_name,
        email=body.email,
        unit_code=body.unit_code,
        roles=body.roles,
        password=body.password or "",
        temporary_password=body.require_password_change,
    )
    resp = await _call(stub.CreateAccount, msg, principal, request, gateway)
    return AccountCreated(
        account=_account(resp.account), generated_password=resp.generated_password or None
    )


@router.post(
    "/accounts/{username}/disable",
    response_model=AccountOut,
    summary="Khóa tài khoản",
    responses=_ERRORS,
)
async def disable_account(
    username: Username,
    principal: CurrentPrincipal,
    stub: Stub,
    request: Request,
    gateway: GatewayDep,
) -> AccountOut:
    """Khóa tài khoản của đơn vị cấp dưới trực tiếp; mã thông báo của tài khoản bị từ chối
    ngay tại cổng API."""
    msg = identity_pb2.DisableAccountRequest(username=username)
    resp = await _call(stub.DisableAccount, msg, principal, request, gateway)
    return _account(resp.account)


@router.post(
    "/accounts/{username}/enable",
    response_model=AccountOut,
    summary="Mở khóa tài khoản",
    responses=_ERRORS,
)
async def enable_account(
    username: Username,
    principal: CurrentPrincipal,
    stub: Stub,
    request: Request,
    gateway: GatewayDep,
) -> AccountOut:
    """Mở lại tài khoản đã bị khóa của đơn vị cấp dưới trực tiếp."""
    msg = identity_pb2.EnableAccountRequest(username=username)
    resp = await _call(stub.EnableAccount, msg, principal, request, gateway)
    return _account(resp.account)


@router.post(
    "/accounts/{username}/password-reset",
    response_model=AccountCreated,
    summary="Đặt lại mật khẩu",
    responses=_ERRORS,
)
async def reset_password(
    username: Username,
    body: PasswordResetIn,
    principal: CurrentPrincipal,
    stub: Stub,
    request: Request,
    gateway: GatewayDep,
) -> AccountCreated:
    """Đặt mật khẩu mới (hệ thống tự tạo nếu bỏ trống) cho tài khoản của đơn vị cấp dưới
    trực tiếp; các phiên đăng nhập của tài khoản bị kết thúc."""
    msg = identity_pb2.ResetPasswordRequest(
        username=username, password=body.password or "", temporary=body.require_password_change
    )
    resp = await _call(stub.ResetPassword, msg, principal, request, gateway)
    return AccountCreated(
        account=_account(resp.account), generated_password=resp.generated_password or None
    )


_GENDERS = {"male": identity_pb2.GENDER_MALE, "female": identity_pb2.GENDER_FEMALE}


@router.post(
    "/identity-checks",
    response_model=IdentityCheckOut,
    summary="Xác thực thông tin công dân với CSDL quốc gia về dân cư",
    tags=["identity"],
    responses=problem_responses(401, 403, 422, 503),
)
async def check_identity(
    body: IdentityCheckIn,
    principal: CurrentPrincipal,
    stub: Stub,
    request: Request,
    gateway: GatewayDep,
) -> IdentityCheckOut:
    """So khớp số định danh cá nhân, họ tên (không phân biệt hoa thường, khoảng trắng, vị trí
    dấu thanh), ngày sinh và giới tính; mỗi điểm không khớp có lý do riêng."""
    d = body.birth_date
    msg = identity_pb2.CheckCitizenIdentityRequest(
        national_id=body.national_id,
        full_name=body.full_name,
        birth_date=common_pb2.Date(year=d.year, month=d.month, day=d.day),
        gender=_GENDERS[body.gender],
    )
    resp = await _call(stub.CheckCitizenIdentity, msg, principal, request, gateway)
    return IdentityCheckOut(
        matched=resp.matched,
        mismatches=[
            MismatchOut(code=m.code, field=m.field, message=m.message) for m in resp.mismatches
        ],
    )
