"""Build a service's token verifier and its own client credentials from its settings."""

from __future__ import annotations

import httpx
from redis import Redis

from ansinh_common.auth.client_credentials import ClientCredentials, token_endpoint
from ansinh_common.auth.jwt import BlockingTokenVerifier, JwtSettings
from ansinh_common.settings import ServiceSettings


def token_verifier(settings: ServiceSettings) -> BlockingTokenVerifier:
    """Verifies the tokens a service receives: realm JWKS cached in ``settings.redis_url``."""
    jwt_settings = JwtSettings(
        keycloak_url=settings.keycloak_url,
        realm=settings.keycloak_realm,
        audience=settings.token_audience,
    )
    return BlockingTokenVerifier(
        jwt_settings, Redis.from_url(settings.redis_url), httpx.Client(timeout=5.0)
    )


def service_credentials(settings: ServiceSettings) -> ClientCredentials | None:
    """The service's own client credentials (None when the service has no client)."""
    if settings.service_client_id is None or settings.service_client_secret is None:
        return None
    return ClientCredentials(
        token_endpoint(settings.keycloak_url, settings.keycloak_realm),
        settings.service_client_id,
        settings.service_client_secret.get_secret_value(),
    )
