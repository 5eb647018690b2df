"""Accounts in Keycloak through its admin REST API (python-keycloak, service-account client).

The confidential client ``ansinh-identity-admin`` holds the realm-management roles
manage-users, view-users and query-users (infra/keycloak/ansinh-realm.json). An account's unit
is the user attribute ``unit_code``; its catalog version ``unit_catalog_version``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakConnectionError, KeycloakError

from ansinh_common.errors import DomainError, FieldError
from identity.domain.errors import (
    AccountAlreadyExists,
    IdentityProviderUnavailable,
    InvalidAccount,
)
from identity.domain.model import Account, NewAccount

log = logging.getLogger(__name__)

UNIT_ATTRIBUTE = "unit_code"
VERSION_ATTRIBUTE = "unit_catalog_version"
PAGE_SIZE = 500
# Keycloak's own realm roles, not platform roles.
_BUILTIN_ROLES = frozenset({"offline_access", "uma_authorization"})

T = TypeVar("T")


def _first(attributes: Mapping[str, Any], name: str) -> str | None:
    values = attributes.get(name) or []
    return str(values[0]) if values else None


class KeycloakAccounts:
    """``AccountDirectory`` over one realm. Calls are serialised (one admin session)."""

    def __init__(
        self,
        server_url: str,
        realm: str,
        client_id: str,
        client_secret: str,
        *,
        timeout: int = 10,
        default_catalog_version: str = "2025",
    ) -> None:
        self._connection = KeycloakOpenIDConnection(
            server_url=server_url,
            realm_name=realm,
            client_id=client_id,
            client_secret_key=client_secret,
            timeout=timeout,
        )
        self._admin: KeycloakAdmin | None = None
        self._lock = threading.Lock()
        self._roles: dict[str, dict[str, Any]] = {}
        self._default_version = default_catalog_version

    def _call(self, fn: Callable[[KeycloakAdmin], T]) -> T:
        with self._lock:
            try:
                if self._admin is None:
                    self._admin = KeycloakAdmin(connection=self._connection)
                return fn(self._admin)
            except KeycloakConnectionError as exc:
                log.warning("Keycloak unreachable: %s", exc)
                raise IdentityProviderUnavailable() from exc

    # --- AccountDirectory ---------------------------------------------------------------------
    def find(self, username: str) -> Account | None:
        def run(admin: KeycloakAdmin) -> Account | None:
            users = admin.get_users({"username": username, "exact": True})
            if not users:
                return None
            user = users[0]
            roles = admin.get_realm_roles_of_user(user["id"])
            return self._account(user, {r["name"] for r in roles})

        return self._guard(run)

    def create(self, account: NewAccount) -> Account:
        payload = {
            "username": account.username,
            "email": account.email,
            "firstName": account.first_name,
            "lastName": account.last_name,
            "enabled": True,
            "emailVerified": True,
            "attributes": {
                UNIT_ATTRIBUTE: [account.unit_code],
                VERSION_ATTRIBUTE: [account.catalog_version],
            },
            "credentials": [
                {
                    "type": "password",
                    "value": account.password,
                    "temporary": account.temporary_password,
                }
            ],
            "requiredActions": list(account.required_actions),
        }

        def run(admin: KeycloakAdmin) -> Account:
            user_id = admin.create_user(payload)
            try:
                admin.assign_realm_roles(user_id, self._role_reps(admin, account.roles))
            except Exception:
                admin.delete_user(user_id)  # no half-made account without its roles
                raise
            user = admin.get_user(user_id)
            return self._account(user, set(account.roles))

        return self._guard(run, account.username)

    def set_enabled(self, user_id: str, enabled: bool) -> None:
        self._guard(lambda admin: admin.update_user(user_id, {"enabled": enabled}))

    def set_password(self, user_id: str, password: str, temporary: bool) -> None:
        self._guard(lambda admin: admin.set_user_password(user_id, password, temporary=temporary))

    def end_sessions(self, user_id: str) -> None:
        self._guard(lambda admin: admin.user_logout(user_id))

    def disabled_user_ids(self) -> set[str]:
        def run(admin: KeycloakAdmin) -> set[str]:
            found: set[str] = set()
            first = 0
            while True:
                page = admin.get_users(
                    {"enabled": False, "briefRepresentation": True, "first": first,
                     "max": PAGE_SIZE}
                )  # fmt: skip
                found.update(u["id"] for u in page)
                if len(page) < PAGE_SIZE:
                    return found
                first += PAGE_SIZE

        return self._guard(run)

    def delete(self, user_id: str) -> None:
        """Remove an account (not a use case: accounts are disabled; used by test cleanup)."""
        self._guard(lambda admin: admin.delete_user(user_id))

    # --- helpers ------------------------------------------------------------------------------
    def _guard(self, fn: Callable[[KeycloakAdmin], T], username: str = "") -> T:
        try:
            return self._call(fn)
        except KeycloakError as exc:
            raise _domain_error(exc, username) from exc

    def _role_reps(self, admin: KeycloakAdmin, names: frozenset[str]) -> list[dict[str, Any]]:
        if not names <= self._roles.keys():
            self._roles = {r["name"]: r for r in admin.get_realm_roles(brief_representation=True)}
        missing = sorted(names - self._roles.keys())
        if missing:
            message = f"Vai trò chưa được khai báo: {', '.join(missing)}."
            raise InvalidAccount([FieldError("roles", message, "unknown")])
        return [{"id": self._roles[n]["id"], "name": n} for n in sorted(names)]

    def _account(self, user: Mapping[str, Any], roles: set[str]) -> Account:
        attributes = user.get("attributes") or {}
        return Account(
            user_id=str(user["id"]),
            username=str(user["username"]),
            first_name=str(user.get("firstName") or ""),
            last_name=str(user.get("lastName") or ""),
            email=str(user.get("email") or ""),
            unit_code=_first(attributes, UNIT_ATTRIBUTE),
            catalog_version=_first(attributes, VERSION_ATTRIBUTE) or self._default_version,
            roles=frozenset(
                r for r in roles if r not in _BUILTIN_ROLES and not r.startswith("default-roles-")
            ),
            enabled=bool(user.get("enabled", True)),
        )


MSG_RECENTLY_USED = "Mật khẩu này đã được dùng gần đây; hãy chọn một mật khẩu khác."
MSG_PASSWORD_POLICY = "Mật khẩu không đạt chính sách mật khẩu của hệ thống."


def _domain_error(exc: KeycloakError, username: str) -> DomainError:
    body = exc.error_message.decode() if isinstance(exc.error_message, bytes) else exc.error_message
    if exc.response_code == 409:
        return AccountAlreadyExists(username)
    if exc.response_code == 400:
        log.info("Keycloak refused the account: %s", body)
        if "invalidPasswordHistory" in str(body):
            return InvalidAccount([FieldError("password", MSG_RECENTLY_USED, "recently_used")])
        if "invalidPassword" in str(body):
            return InvalidAccount([FieldError("password", MSG_PASSWORD_POLICY, "policy")])
        return InvalidAccount([FieldError("account", f"Keycloak từ chối: {body}", "rejected")])
    log.error("Keycloak admin call failed: %s %s", exc.response_code, body)
    return IdentityProviderUnavailable()
