"""A service's own Keycloak access token (OAuth 2.0 client credentials grant).

Workers, sagas and consumers that call another service on behalf of no user send this
token (ADR 0011). It is fetched once and reused until ``refresh_margin_seconds`` before it
expires; thread-safe, so one instance serves every thread of a process.

Usage::

    creds = ClientCredentials(token_url, "ansinh-registry", secret)
    channel = make_channel(target, service_credentials=creds)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from ansinh_common.errors import Unavailable

__all__ = ["ClientCredentials", "token_endpoint"]

MSG_TOKEN_UNAVAILABLE = "Không lấy được mã thông báo của dịch vụ từ máy chủ định danh."


def token_endpoint(keycloak_url: str, realm: str) -> str:
    return f"{keycloak_url.rstrip('/')}/realms/{realm}/protocol/openid-connect/token"


class ClientCredentials:
    """Fetches and caches the access token of one confidential Keycloak client."""

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        *,
        http: httpx.Client | None = None,
        refresh_margin_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client_id = client_id
        self._url = token_url
        self._secret = client_secret
        self._http = http or httpx.Client(timeout=5.0)
        self._margin = refresh_margin_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._valid_until = float("-inf")
        self.fetches = 0
        """How many tokens were fetched (for tests and metrics)."""

    def token(self) -> str:
        """A valid access token of the client (fetched again shortly before it expires)."""
        with self._lock:
            if self._token is None or self._clock() >= self._valid_until:
                self._fetch()
            assert self._token is not None
            return self._token

    def close(self) -> None:
        self._http.close()

    def _fetch(self) -> None:
        started = self._clock()
        try:
            resp = self._http.post(
                self._url,
                data={"grant_type": "client_credentials"},
                auth=(self.client_id, self._secret),
            )
            resp.raise_for_status()
            body = resp.json()
            token, lifetime = str(body["access_token"]), float(body.get("expires_in", 60))
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            raise Unavailable(MSG_TOKEN_UNAVAILABLE) from exc
        self.fetches += 1
        self._token = token
        self._valid_until = started + max(lifetime - self._margin, lifetime / 2)
