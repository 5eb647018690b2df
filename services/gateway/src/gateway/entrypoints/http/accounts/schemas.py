"""Request/response bodies of ``/api/v1/accounts`` and ``/api/v1/identity-checks``.

Hand-written (the identity protos are not yet generated into REST models; docs/adr/0012).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


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
