"""Errors of the identity domain (subclasses of the shared domain errors, Vietnamese texts)."""

from __future__ import annotations

from ansinh_common.errors import AlreadyExists, FieldError, InvalidInput, NotFound, Unavailable


class AccountNotFound(NotFound):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"Không tìm thấy tài khoản '{username}'.",
            errors=[FieldError("username", "Tài khoản không tồn tại.", "not_found")],
        )


class AccountAlreadyExists(AlreadyExists):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"Tên đăng nhập '{username}' hoặc địa chỉ thư điện tử đã được dùng cho tài khoản khác.",
            errors=[FieldError("username", "Tên đăng nhập đã tồn tại.", "already_exists")],
        )


class InvalidAccount(InvalidInput):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("Thông tin tài khoản không hợp lệ.", errors=errors)


class IdentityProviderUnavailable(Unavailable):
    def __init__(self) -> None:
        super().__init__("Không kết nối được máy chủ định danh (Keycloak), vui lòng thử lại sau.")


class PopulationDatabaseUnavailable(Unavailable):
    def __init__(self) -> None:
        super().__init__(
            "Không kết nối được Cơ sở dữ liệu quốc gia về dân cư, vui lòng thử lại sau."
        )
