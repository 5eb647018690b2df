"""Helpers for tests that drive the real gateway app (end-to-end tests, real servers).

``gateway_client(redis_url, keycloak_url, backends)``: a ``fastapi.testclient.TestClient`` of
the gateway as ``create_app`` builds it (real bootstrap: Redis, Keycloak JWKS, gRPC channels to
``backends``), with its own Redis key prefixes and rate limiting off.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.config import GatewaySettings


@contextmanager
def gateway_client(
    redis_url: str,
    keycloak_url: str,
    backends: Mapping[str, str],
    *,
    disabled_prefix: str | None = None,
) -> Iterator[TestClient]:
    """The gateway whose gRPC ``backends`` (name → ``host:port``) are the given targets.

    ``disabled_prefix``: Redis prefix of the identity service's disabled-account flags (a
    fresh one when not given, so no account of the test is refused as disabled)."""
    unique = f"test:gateway:{uuid.uuid4().hex}"
    settings = GatewaySettings(
        environment="test",
        redis_url=redis_url,
        keycloak_url=keycloak_url,
        jwks_cache_key_prefix=f"{unique}:jwks",
        rate_limit_enabled=False,
        grpc_backends=dict(backends),
        disabled_account_key_prefix=disabled_prefix or f"{unique}:disabled:",
    )
    with TestClient(create_app(settings, instrument=False), raise_server_exceptions=False) as c:
        yield c
