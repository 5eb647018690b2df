"""Errors of the identity domain (subclasses of the shared domain errors, Vietnamese texts)."""

from __future__ import annotations

from ansinh_common.authz import AccessDenied, Decision
from ansinh_common.errors import (
    AlreadyExists,
    DomainError,
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Unavailable,
)


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


def _not_in_reach_detail(username: str) -> str:
    return (
        f"Không thể thao tác trên tài khoản '{username}': chỉ tài khoản quản trị hệ thống hoặc "
        "lãnh đạo của đơn vị cấp trên trực tiếp mới được khóa, mở khóa hoặc đặt lại tài khoản "
        "của đơn vị trực thuộc trực tiếp."
    )


class AccountOutOfReach(AccessDenied):
    """An existing account the caller may not manage: answered like an unknown one (403)."""

    def __init__(self, decision: Decision, username: str) -> None:
        super().__init__(decision)
        self.detail = _not_in_reach_detail(username)
        self.args = (self.detail,)


class UnknownAccount(PermissionDenied, AccountNotFound):
    """A username that does not exist, answered like an account out of reach (403, not 404:
    account names cannot be enumerated)."""

    def __init__(self, username: str) -> None:
        DomainError.__init__(self, _not_in_reach_detail(username))


def not_in_reach(username: str, refused: AccessDenied | None = None) -> PermissionDenied:
    """The one answer to "disable/enable/reset ``username``" for a caller who may not manage that
    account, whether it exists (``refused``: the real refusal) or not (Circular
    11/2019/TT-BLĐTBXH Art. 6: only the directly superior unit manages an account)."""
    if refused is not None:
        return AccountOutOfReach(refused.decision, username)
    return UnknownAccount(username)
