"""``/api/v1/accounts`` and ``/api/v1/identity-checks``: the identity service over REST.

Account provisioning (create, disable, enable, reset password) is allowed only to an account of
the directly superior unit; refusals are 403 problem+json with a Vietnamese ``detail``. Every
call is forwarded to the identity service (gRPC ``ansinh.identity.v1.IdentityService``, backend
``identity`` of ``ANSINH_GRPC_BACKENDS``) with the caller's principal and IP address.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from ansinh.common.v1 import common_pb2
from ansinh.identity.v1 import identity_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.accounts.schemas import (
    AccountCreated,
    AccountIn,
    AccountOut,
    IdentityCheckIn,
    IdentityCheckOut,
    MismatchOut,
    PasswordResetIn,
)
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(tags=["accounts"])

IDENTITY = Service(pb, "IdentityService", backend="identity")
CREATE = IDENTITY.typed("CreateAccount", pb.CreateAccountRequest, pb.CreateAccountResponse)
DISABLE = IDENTITY.typed("DisableAccount", pb.DisableAccountRequest, pb.DisableAccountResponse)
ENABLE = IDENTITY.typed("EnableAccount", pb.EnableAccountRequest, pb.EnableAccountResponse)
RESET = IDENTITY.typed("ResetPassword", pb.ResetPasswordRequest, pb.ResetPasswordResponse)
CHECK = IDENTITY.typed(
    "CheckCitizenIdentity", pb.CheckCitizenIdentityRequest, pb.CheckCitizenIdentityResponse
)
Username = Annotated[str, Path(description="Tên đăng nhập của tài khoản.", max_length=64)]


def _account(msg: pb.Account) -> AccountOut:
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
    openapi_extra=CREATE.openapi,
)
async def create_account(body: AccountIn, call: Call) -> AccountCreated:
    """Tạo tài khoản cán bộ cho đơn vị trực thuộc trực tiếp đơn vị của người gọi
    (Bộ → tỉnh → huyện → xã, hoặc Bộ → tỉnh → xã theo mô hình hai cấp). Được ghi nhật ký."""
    msg = pb.CreateAccountRequest(
        username=body.username,
        first_name=body.first_name,
        last_name=body.last_name,
        email=body.email,
        unit_code=body.unit_code,
        roles=body.roles,
        password=body.password or "",
        temporary_password=body.require_password_change,
    )
    resp = await call.message(CREATE, msg)
    return AccountCreated(
        account=_account(resp.account), generated_password=resp.generated_password or None
    )


@router.post(
    "/accounts/{username}/disable",
    response_model=AccountOut,
    summary="Khóa tài khoản",
    responses=_ERRORS,
    openapi_extra=DISABLE.openapi,
)
async def disable_account(
    username: Username,
    call: Call,
) -> AccountOut:
    """Khóa tài khoản của đơn vị cấp dưới trực tiếp; mã thông báo của tài khoản bị từ chối
    ngay tại cổng API."""
    msg = pb.DisableAccountRequest(username=username)
    resp = await call.message(DISABLE, msg)
    return _account(resp.account)


@router.post(
    "/accounts/{username}/enable",
    response_model=AccountOut,
    summary="Mở khóa tài khoản",
    responses=_ERRORS,
    openapi_extra=ENABLE.openapi,
)
async def enable_account(
    username: Username,
    call: Call,
) -> AccountOut:
    """Mở lại tài khoản đã bị khóa của đơn vị cấp dưới trực tiếp."""
    msg = pb.EnableAccountRequest(username=username)
    resp = await call.message(ENABLE, msg)
    return _account(resp.account)


@router.post(
    "/accounts/{username}/password-reset",
    response_model=AccountCreated,
    summary="Đặt lại mật khẩu",
    responses=_ERRORS,
    openapi_extra=RESET.openapi,
)
async def reset_password(
    username: Username,
    body: PasswordResetIn,
    call: Call,
) -> AccountCreated:
    """Đặt mật khẩu mới (hệ thống tự tạo nếu bỏ trống) cho tài khoản của đơn vị cấp dưới
    trực tiếp; các phiên đăng nhập của tài khoản bị kết thúc."""
    msg = pb.ResetPasswordRequest(
        username=username, password=body.password or "", temporary=body.require_password_change
    )
    resp = await call.message(RESET, msg)
    return AccountCreated(
        account=_account(resp.account), generated_password=resp.generated_password or None
    )


_GENDERS = {"male": pb.GENDER_MALE, "female": pb.GENDER_FEMALE}


@router.post(
    "/identity-checks",
    response_model=IdentityCheckOut,
    summary="Xác thực thông tin công dân với CSDL quốc gia về dân cư",
    tags=["identity"],
    responses=problem_responses(401, 403, 422, 503),
    openapi_extra=CHECK.openapi,
)
async def check_identity(
    body: IdentityCheckIn,
    call: Call,
) -> IdentityCheckOut:
    """So khớp số định danh cá nhân, họ tên (không phân biệt hoa thường, khoảng trắng, vị trí
    dấu thanh), ngày sinh và giới tính; mỗi điểm không khớp có lý do riêng."""
    d = body.birth_date
    msg = pb.CheckCitizenIdentityRequest(
        national_id=body.national_id,
        full_name=body.full_name,
        birth_date=common_pb2.Date(year=d.year, month=d.month, day=d.day),
        gender=_GENDERS[body.gender],
    )
    resp = await call.message(CHECK, msg)
    return IdentityCheckOut(
        matched=resp.matched,
        mismatches=[
            MismatchOut(code=m.code, field=m.field, message=m.message) for m in resp.mismatches
        ],
    )
