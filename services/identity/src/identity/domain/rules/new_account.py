"""Rules for new accounts: names, e-mail, password and which roles a unit's account may hold.

Roles follow the level of the account's unit (ADR 0006): a commune account is a commune
officer or leader, a district account a district officer or leader, and so on; ``system_admin``
(account administration only) and the two domain roles (the 2025 ministry split) may be added.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ansinh_common.authz import DOMAIN_ROLES, Level, Role, unit_level
from ansinh_common.errors import FieldError
from identity.domain.commands import CreateAccount
from identity.domain.errors import InvalidAccount
from identity.domain.model import NewAccount

LEGAL_BASIS = "Circular 11/2019/TT-BLĐTBXH Art. 6 (access by level and by login account)"

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
MIN_DISTINCT_CHARACTERS = 4
PASSWORD_LEGAL_BASIS = (
    "Nghị định 85/2016/NĐ-CP và TCVN 11930:2017 (an toàn hệ thống thông tin theo cấp độ: "
    "chính sách mật khẩu, giới hạn đăng nhập sai); chính sách của realm Keycloak "
    "(infra/keycloak/ansinh-realm.json: length(10), notUsername, notEmail, passwordHistory(5))"
)
MAX_NAME_LENGTH = 255

_LEVEL_ROLES: dict[Level, tuple[Role, Role]] = {
    Level.MINISTRY: (Role.MINISTRY_OFFICER, Role.MINISTRY_LEADER),
    Level.PROVINCE: (Role.PROVINCE_OFFICER, Role.PROVINCE_LEADER),
    Level.DISTRICT: (Role.DISTRICT_OFFICER, Role.DISTRICT_LEADER),
    Level.COMMUNE: (Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER),
}


def assignable_roles(level: Level) -> frozenset[str]:
    """Realm roles an account of a unit at ``level`` may be given."""
    officer, leader = _LEVEL_ROLES[level]
    return frozenset({officer.value, leader.value, Role.SYSTEM_ADMIN.value, *DOMAIN_ROLES})


def _shown(text: str, limit: int = 64) -> str:
    """``text`` safe to echo in a message: control characters as U+FFFD, bounded length."""
    return "".join("\ufffd" if not c.isprintable() else c for c in text[:limit])


def _role_errors(roles: Iterable[str], unit_code: str) -> list[FieldError]:
    level = unit_level(unit_code)
    if level is None:
        return []  # reported on unit_code
    allowed = assignable_roles(level)
    roles = list(roles)
    errors = [
        FieldError(
            f"roles[{i}]",
            f"Vai trò '{_shown(role)}' không được gán cho tài khoản của đơn vị cấp này.",
            "role_not_allowed",
        )
        for i, role in enumerate(roles)
        if role not in allowed
    ]
    if not errors and not set(roles) - set(DOMAIN_ROLES):
        errors.append(
            FieldError(
                "roles",
                "Cần ít nhất một vai trò cán bộ, lãnh đạo hoặc quản trị hệ thống.",
                "required",
            )
        )
    return errors


def _name_error(field: str, value: str) -> FieldError | None:
    if not value.strip():
        return FieldError(field, "Không được để trống.", "required")
    if len(value) > MAX_NAME_LENGTH or any(unicodedata.category(c) == "Cc" for c in value):
        return FieldError(field, "Tên không hợp lệ.", "invalid_format")
    return None


def validate_new_account(
    command: CreateAccount,
    *,
    catalog_version: str,
    password: str,
    require_officer_otp: bool = False,
) -> NewAccount:
    """The account to create, or ``InvalidAccount`` listing every bad field."""
    errors: list[FieldError] = []
    username = command.username.strip().lower()
    if not USERNAME.match(username):
        errors.append(
            FieldError(
                "username",
                "Tên đăng nhập gồm 3–64 ký tự a–z, 0–9, '.', '_', '-' và bắt đầu bằng chữ hoặc số.",
                "invalid_format",
            )
        )
    for field, value in (("first_name", command.first_name), ("last_name", command.last_name)):
        error = _name_error(field, value)
        if error is not None:
            errors.append(error)
    email = command.email.strip().lower()
    if not EMAIL.match(email):
        errors.append(FieldError("email", "Địa chỉ thư điện tử không hợp lệ.", "invalid_format"))
    if unit_level(command.unit_code) is None:
        errors.append(
            FieldError("unit_code", "Mã đơn vị hành chính không hợp lệ.", "invalid_format")
        )
    errors += _role_errors(command.roles, command.unit_code)
    errors += password_errors(password, username=username, email=email)
    if errors:
        raise InvalidAccount(errors)
    return NewAccount(
        username=username,
        first_name=unicodedata.normalize("NFC", command.first_name.strip()),
        last_name=unicodedata.normalize("NFC", command.last_name.strip()),
        email=email,
        unit_code=command.unit_code,
        catalog_version=catalog_version,
        roles=frozenset(command.roles),
        password=password,
        temporary_password=command.temporary_password,
        required_actions=first_login_actions(
            frozenset(command.roles), require_officer_otp=require_officer_otp
        ),
    )


def password_errors(password: str, *, username: str = "", email: str = "") -> list[FieldError]:
    """What is wrong with a chosen password (the realm's policy, checked before Keycloak sees
    it; "not recently used" only Keycloak knows: its refusal is mapped by the adapter).

    Legal basis: :data:`PASSWORD_LEGAL_BASIS`.
    """
    found: list[FieldError] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        message = f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự."
        found.append(FieldError("password", message, "too_short"))
    elif len(password) > MAX_PASSWORD_LENGTH:
        message = f"Mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự."
        found.append(FieldError("password", message, "too_long"))
    if len(set(password)) < MIN_DISTINCT_CHARACTERS:
        message = f"Mật khẩu quá đơn giản: cần ít nhất {MIN_DISTINCT_CHARACTERS} ký tự khác nhau."
        found.append(FieldError("password", message, "too_simple"))
    lowered = password.casefold()
    if username and username.casefold() in lowered:
        found.append(
            FieldError("password", "Mật khẩu không được chứa tên đăng nhập.", "contains_username")
        )
    if email and lowered == email.casefold():
        found.append(
            FieldError(
                "password", "Mật khẩu không được trùng địa chỉ thư điện tử.", "same_as_email"
            )
        )
    return found


CONFIGURE_OTP = "CONFIGURE_TOTP"
"""Keycloak's required action: enrol an authenticator app (TOTP) at the next login."""


def is_officer(roles: frozenset[str] | set[str]) -> bool:
    """Officers, leaders and administrators: every account that is not only a citizen's."""
    return any(r.endswith(("_officer", "_leader")) or r == "system_admin" for r in roles)


def first_login_actions(roles: frozenset[str], *, require_officer_otp: bool) -> tuple[str, ...]:
    """What a new account must do at its first login: officers enrol OTP when required
    (production, ``ANSINH_REQUIRE_OFFICER_OTP``); Keycloak then asks for the code at every
    login (its browser and direct-grant flows' conditional OTP)."""
    return (CONFIGURE_OTP,) if require_officer_otp and is_officer(roles) else ()


def check_password(password: str, *, username: str = "") -> None:
    """``InvalidAccount`` if a password chosen for ``username`` breaks the policy."""
    errors = password_errors(password, username=username)
    if errors:
        raise InvalidAccount(errors)
