"""Accounts of officials as the platform sees them (kept in Keycloak)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Account:
    """An official's account. ``unit_code`` is read in catalog ``catalog_version``."""

    user_id: str
    username: str
    first_name: str
    last_name: str
    email: str
    unit_code: str | None
    catalog_version: str
    roles: frozenset[str] = field(default_factory=frozenset)
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class NewAccount:
    """What Keycloak needs to create an account (validated by ``rules``)."""

    username: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    catalog_version: str
    roles: frozenset[str]
    password: str
    temporary_password: bool
    required_actions: tuple[str, ...] = ()
    """Keycloak required actions at first login, e.g. ``CONFIGURE_TOTP`` (officers' OTP)."""


class AccountAction(StrEnum):
    """Provisioning actions; each one is audited."""

    CREATE = "create"
    DISABLE = "disable"
    ENABLE = "enable"
    RESET_PASSWORD = "reset_password"


ACTION_LABELS: dict[AccountAction, str] = {
    AccountAction.CREATE: "tạo tài khoản",
    AccountAction.DISABLE: "khóa tài khoản",
    AccountAction.ENABLE: "mở khóa tài khoản",
    AccountAction.RESET_PASSWORD: "đặt lại mật khẩu",
}
