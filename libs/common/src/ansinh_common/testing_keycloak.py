"""Real Keycloak users and tokens for tests (ADR 0011: services accept only verified tokens).

:class:`KeycloakTestUsers` creates, in the running realm, a user with the roles and scope
attributes of a template :class:`Principal`, signs it in through the gateway's public client
(direct grant) and returns the principal read from the REAL access token, token attached, so
that gRPC calls made under ``use_principal`` carry it. Users are deleted by :meth:`cleanup`.
Tokens are renewed when less than a minute of their 300 s remains.

The fixture ``signed_in`` (``ansinh_common.testing``) is a session-wide instance::

    with use_principal(signed_in(Principal("x", "canbo.badinh", frozenset({"commune_officer"}),
                                           "00004"))):
        stub.GetBeneficiary(...)
"""

from __future__ import annotations

import os
import re
import secrets
import threading
import time
import uuid
from typing import Any

import httpx
import jwt

from ansinh_common.auth.client_credentials import ClientCredentials, token_endpoint
from ansinh_common.auth.jwt import BlockingTokenVerifier, claims_to_principal
from ansinh_common.auth.principal import Principal
from ansinh_common.auth.wiring import token_verifier
from ansinh_common.settings import ServiceSettings

REALM = "ansinh"
PUBLIC_CLIENT = "ansinh-gateway"
RENEW_MARGIN_SECONDS = 60.0
TEST_SERVICE_CLIENT = ("ansinh-registry", "dev-registry-secret")
"""A service client of the development realm (``infra/keycloak/ansinh-realm.json``)."""


def verifier_for(keycloak_url: str, redis_url: str) -> BlockingTokenVerifier:
    """The verifier a service builds from its settings, for servers started in tests."""
    return token_verifier(ServiceSettings(keycloak_url=keycloak_url, redis_url=redis_url))


def service_credentials_for(keycloak_url: str) -> ClientCredentials:
    """Client credentials of a development service client (calls that act for no user)."""
    return ClientCredentials(token_endpoint(keycloak_url, REALM), *TEST_SERVICE_CLIENT)


class KeycloakTestUsers:
    """Test users in the running realm, one per distinct (roles, unit, national id)."""

    def __init__(
        self,
        keycloak_url: str,
        *,
        realm: str = REALM,
        admin: tuple[str, str] | None = None,
    ) -> None:
        self._url = keycloak_url.rstrip("/")
        self._realm = realm
        env = os.environ.get
        self._admin = admin or (
            env("ANSINH_TEST_KEYCLOAK_ADMIN", "admin"),
            env("ANSINH_TEST_KEYCLOAK_ADMIN_PASSWORD", "admin"),
        )
        self._http = httpx.Client(timeout=30)
        self._lock = threading.Lock()
        self._users: dict[tuple[Any, ...], tuple[str, str, str]] = {}
        """key → (user id, username, password)."""
        self._tokens: dict[str, tuple[Principal, float]] = {}
        self._created_ids: list[str] = []

    # --- public -------------------------------------------------------------------------

    def __call__(self, template: Principal) -> Principal:
        """The principal of a real user shaped like ``template`` (username prefixed ``t-``)."""
        key = (template.username, tuple(sorted(template.roles)), template.unit_code,
               template.national_id)  # fmt: skip
        with self._lock:
            if key not in self._users:
                self._users[key] = self.create_user(template)
            _, username, password = self._users[key]
            cached = self._tokens.get(username)
            if cached is not None and cached[1] - time.time() > RENEW_MARGIN_SECONDS:
                return cached[0]
            principal, expires = self._sign_in(username, password)
            self._tokens[username] = (principal, expires)
            return principal

    def create_user(
        self, template: Principal, *, password: str | None = None
    ) -> tuple[str, str, str]:
        """Create a user like ``template``; returns (id, username, password)."""
        base = re.sub(r"[^a-z0-9.]", "", template.username.lower())[:30] or "user"
        username = f"t-{base}-{uuid.uuid4().hex[:6]}"
        password = password or f"Tk-{secrets.token_urlsafe(12)}-9"
        attributes: dict[str, list[str]] = {}
        if template.unit_code:
            attributes["unit_code"] = [template.unit_code]
        if template.national_id:
            attributes["national_id"] = [template.national_id]
        body = {
            "username": username, "enabled": True, "emailVerified": True,
            "email": f"{username}@test.ansinh.vn", "firstName": "Kiểm", "lastName": "Thử",
            "attributes": attributes, "requiredActions": [],
            "credentials": [{"type": "password", "value": password, "temporary": False}],
        }  # fmt: skip
        created = self._admin_api("POST", "/users", json=body)
        user_id = created.headers["location"].rsplit("/", 1)[1]
        roles = [self._admin_api("GET", f"/roles/{r}").json() for r in sorted(template.roles)]
        if roles:
            self._admin_api("POST", f"/users/{user_id}/role-mappings/realm", json=roles)
        self._created_ids.append(user_id)
        return user_id, username, password

    def token(self, username: str, password: str) -> httpx.Response:
        """The raw direct-grant response for ``username`` (tests of refusals read it)."""
        return self._http.post(
            f"{self._url}/realms/{self._realm}/protocol/openid-connect/token",
            data={"grant_type": "password", "client_id": PUBLIC_CLIENT,
                  "username": username, "password": password},
        )  # fmt: skip

    def admin(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A call to the realm's admin API (raises on an error status)."""
        return self._admin_api(method, path, **kwargs)

    def cleanup(self) -> None:
        for user_id in self._created_ids:
            self._http.request(
                "DELETE", self._admin_base() + f"/users/{user_id}", headers=self._admin_headers()
            )
        self._created_ids.clear()
        self._users.clear()
        self._tokens.clear()
        self._http.close()

    # --- internals ----------------------------------------------------------------------

    def _sign_in(self, username: str, password: str) -> tuple[Principal, float]:
        resp = self.token(username, password)
        resp.raise_for_status()
        raw = str(resp.json()["access_token"])
        claims = jwt.decode(raw, options={"verify_signature": False})
        return claims_to_principal(claims, realm=self._realm, token=raw), float(claims["exp"])

    def _admin_base(self) -> str:
        return f"{self._url}/admin/realms/{self._realm}"

    def _admin_headers(self) -> dict[str, str]:
        resp = self._http.post(
            f"{self._url}/realms/master/protocol/openid-connect/token",
            data={"grant_type": "password", "client_id": "admin-cli",
                  "username": self._admin[0], "password": self._admin[1]},
        )  # fmt: skip
        resp.raise_for_status()
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}

    def _admin_api(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        resp = self._http.request(
            method, self._admin_base() + path, headers=self._admin_headers(), **kwargs
        )
        resp.raise_for_status()
        return resp
