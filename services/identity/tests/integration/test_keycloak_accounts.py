"""The Keycloak admin adapter against the real Keycloak (realm ``ansinh``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest

from ansinh_common.testing import Servers
from identity.adapters.keycloak_accounts import KeycloakAccounts
from identity.domain.errors import AccountAlreadyExists, InvalidAccount
from identity.domain.model import NewAccount
from identity.domain.rules import first_login_actions
from identity.testing import KeycloakUsers, password_token

from .conftest import PASSWORD

pytestmark = pytest.mark.integration


def test_create_find_disable_reset(
    servers: Servers, kc_accounts: KeycloakAccounts, make_user: Callable[..., NewAccount]
) -> None:
    new = make_user("001", {"district_leader", "domain_poverty"})
    found = kc_accounts.find(new.username)
    assert found is not None
    assert (found.unit_code, found.catalog_version) == ("001", "pre2025")
    assert found.roles == {"district_leader", "domain_poverty"} and found.enabled
    claims = password_token(servers.keycloak_url, new.username, PASSWORD)
    assert claims["access_token"]

    kc_accounts.set_enabled(found.user_id, False)
    assert found.user_id in kc_accounts.disabled_user_ids()
    with pytest.raises(httpx.HTTPStatusError):
        password_token(servers.keycloak_url, new.username, PASSWORD)
    kc_accounts.set_enabled(found.user_id, True)
    kc_accounts.set_password(found.user_id, "Another-pass-9", False)
    assert password_token(servers.keycloak_url, new.username, "Another-pass-9")["access_token"]
    assert found.user_id not in kc_accounts.disabled_user_ids()


def test_duplicate_and_unknown_role_are_refused(
    kc_accounts: KeycloakAccounts, make_user: Callable[..., NewAccount]
) -> None:
    new = make_user("00004", {"commune_officer"}, version="2025")
    with pytest.raises(AccountAlreadyExists):
        kc_accounts.create(new)
    name = f"t-{uuid.uuid4().hex[:10]}"
    ghost = NewAccount(name, "A", "B", f"{name}@test.ansinh.vn", "00004", "2025",
                       frozenset({"no_such_role"}), PASSWORD, False)  # fmt: skip
    with pytest.raises(InvalidAccount):
        kc_accounts.create(ghost)
    assert kc_accounts.find(name) is None  # the half-made account was removed


def test_officer_otp_and_password_history_are_enforced_by_keycloak(
    servers: Servers, kc_accounts: KeycloakAccounts, users: KeycloakUsers
) -> None:
    name = users.forget_later(f"t-{uuid.uuid4().hex[:10]}")
    officer = NewAccount(name, "A", "B", f"{name}@test.ansinh.vn", "00004", "2025",
                         frozenset({"commune_officer"}), PASSWORD, False,
                         first_login_actions(frozenset({"commune_officer"}),
                                             require_officer_otp=True))  # fmt: skip
    created = kc_accounts.create(officer)
    assert officer.required_actions == ("CONFIGURE_TOTP",)
    with pytest.raises(httpx.HTTPStatusError) as refused:  # no password-only login any more
        password_token(servers.keycloak_url, name, PASSWORD)
    assert refused.value.response.json()["error"] == "invalid_grant"
    assert "not fully set up" in refused.value.response.json()["error_description"]

    with pytest.raises(InvalidAccount) as reused:  # the realm keeps the last 5 passwords
        kc_accounts.set_password(created.user_id, PASSWORD, False)
    assert [(e.field, e.code) for e in reused.value.errors] == [("password", "recently_used")]
    assert reused.value.errors[0].message.startswith("Mật khẩu này đã được dùng gần đây")
