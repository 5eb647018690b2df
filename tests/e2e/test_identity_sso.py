"""SSO with a provincial one-stop portal: Keycloak identity brokering (OIDC), no browser.

An HTTP client follows the authorization-code flow of the platform realm with
``kc_idp_hint=portal-01``: platform realm → portal realm login form → credentials posted → back
to the broker endpoint → first broker login (no form: the portal sends every profile field) →
the platform client's redirect URI with a code → code exchanged (PKCE) for a platform token,
which carries the unit brokered from the portal's ``unit_code`` claim. The gateway accepts it.
Realms: infra/keycloak/ansinh-realm.json (identity provider) and portal-01-realm.json.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import uuid
from typing import Any

import httpx
import pytest
import redis
from fastapi.testclient import TestClient

from ansinh_common.testing import Servers
from gateway.app import create_app
from gateway.config import GatewaySettings
from identity.testing import service_accounts

pytestmark = pytest.mark.e2e

IDP = "portal-01"
CLIENT_ID = "ansinh-gateway"
REDIRECT_URI = "http://127.0.0.1:58000/auth/callback"  # never reached: the code is taken here
LOGIN_FORM = re.compile(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"')


def _claims(jwt: str) -> dict[str, Any]:
    payload = jwt.split(".")[1]
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return decoded


def brokered_login(keycloak: str, username: str, password: str) -> dict[str, Any]:
    """The platform realm's tokens for a portal user, by following the OIDC redirects."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    state = secrets.token_urlsafe(12)

    def loopback_cookies(_: httpx.Response) -> None:
        # Keycloak marks its cookies Secure; browsers send them to http://127.0.0.1 (a
        # potentially trustworthy origin), Python's cookie jar does not unless told so.
        for cookie in client.cookies.jar:
            cookie.secure = False

    with httpx.Client(timeout=30, event_hooks={"response": [loopback_cookies]}) as client:
        resp = client.get(
            f"{keycloak}/realms/ansinh/protocol/openid-connect/auth",
            params={
                "client_id": CLIENT_ID, "response_type": "code", "scope": "openid",
                "redirect_uri": REDIRECT_URI, "state": state, "nonce": secrets.token_hex(8),
                "code_challenge": challenge.rstrip(b"=").decode(),
                "code_challenge_method": "S256", "kc_idp_hint": IDP,
            },
        )  # fmt: skip
        hops = []
        while resp.is_redirect:
            hops.append(str(resp.next_request.url) if resp.next_request else "")
            resp = client.get(resp.headers["location"])
        assert f"/realms/{IDP}/protocol/openid-connect/auth" in str(resp.url), hops
        form = LOGIN_FORM.search(resp.text)
        assert form is not None, "no login form in the portal realm"
        resp = client.post(
            html.unescape(form.group(1)),
            data={"username": username, "password": password, "credentialId": ""},
        )
        location = ""
        for _ in range(10):
            assert resp.is_redirect, f"stopped at {resp.status_code} {resp.url}: {resp.text[:300]}"
            location = resp.headers["location"]
            if location.startswith(REDIRECT_URI):
                break
            hops.append(location)
            resp = client.get(location)
        params = httpx.URL(location).params
        assert params["state"] == state
        assert any("/broker/portal-01/endpoint" in h for h in hops)  # back through the broker
        token = client.post(
            f"{keycloak}/realms/ansinh/protocol/openid-connect/token",
            data={
                "grant_type": "authorization_code", "client_id": CLIENT_ID, "code": params["code"],
                "redirect_uri": REDIRECT_URI, "code_verifier": verifier,
            },
        )  # fmt: skip
        token.raise_for_status()
        tokens: dict[str, Any] = token.json()
        return tokens


def test_portal_user_gets_a_platform_token_with_the_brokered_unit(servers: Servers) -> None:
    accounts = service_accounts(servers.keycloak_url)
    earlier = accounts.find("portal-01.canbo.motcua")
    if earlier is not None:  # start from the first broker login, every run
        accounts.delete(earlier.user_id)
    tokens = brokered_login(servers.keycloak_url, "canbo.motcua", "demo123")
    claims = _claims(tokens["access_token"])
    assert claims["iss"] == f"{servers.keycloak_url}/realms/ansinh"  # a platform token
    assert claims["preferred_username"] == "portal-01.canbo.motcua"
    assert claims["unit_code"] == "00008"  # from the portal's unit_code claim
    assert "commune_officer" in claims["roles"]  # from the portal role mot_cua_xa

    prefix = f"test:gateway:{uuid.uuid4().hex}"
    settings = GatewaySettings(
        environment="test", redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
        jwks_cache_key_prefix=f"{prefix}:jwks", rate_limit_enabled=False,
    )  # fmt: skip
    with TestClient(create_app(settings, instrument=False)) as client:
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["unit_code"] == "00008"
    r = redis.Redis.from_url(servers.redis_url)
    for key in r.scan_iter(f"{prefix}:*"):
        r.delete(key)

    account = accounts.find("portal-01.canbo.motcua")
    assert account is not None and account.unit_code == "00008"
    assert account.catalog_version == "2025"

    again = _claims(brokered_login(servers.keycloak_url, "canbo.motcua", "demo123")["access_token"])
    assert again["sub"] == claims["sub"] and again["unit_code"] == "00008"  # linked, re-synced
