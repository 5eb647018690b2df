"""Settings of the gateway (environment ``ANSINH_*``, as every service)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ansinh_common.auth.jwt import JwtSettings
from ansinh_common.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    """Everything the gateway needs; defaults match the local servers of ADR 0001.

    Inherited: environment, log level, redis_url, keycloak_url/realm, metrics_port, ...
    """

    service_name: str = "gateway"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=58000, ge=1, le=65535)

    token_audience: str | None = "ansinh-gateway"
    """Tokens must name it in ``aud`` or ``azp`` (None: not checked)."""
    token_leeway_seconds: float = Field(default=10.0, ge=0, le=300)
    jwks_cache_ttl_seconds: int = Field(default=600, ge=1)
    jwks_refetch_min_interval_seconds: int = Field(default=30, ge=1)
    jwks_cache_key_prefix: str = "ansinh:auth:jwks"

    rate_limit_enabled: bool = True
    rate_limit_requests: int = Field(default=120, ge=1)
    rate_limit_window_seconds: int = Field(default=60, ge=1)
    rate_limit_key_prefix: str = "ansinh:gateway:ratelimit"
    trust_forwarded_for: bool = False
    """Take the client IP from ``X-Forwarded-For`` (only behind a trusted proxy)."""

    check_disabled_accounts: bool = True
    """Refuse tokens of accounts on the identity service's disabled list (docs/identity.md)."""
    disabled_account_key_prefix: str = "ansinh:identity:disabled:"

    grpc_backends: dict[str, str] = Field(default_factory=dict)
    """Backends checked by /readyz: name → ``host:port``
    (``ANSINH_GRPC_BACKENDS='{"registry": "127.0.0.1:58053"}'``)."""
    grpc_deadline_seconds: float = Field(default=5.0, gt=0)
    grpc_file_deadline_seconds: float = Field(default=600.0, gt=0)
    """Deadline of the Excel import/export calls (a whole commune file)."""
    grpc_max_message_bytes: int = Field(default=64 * 1024 * 1024, ge=4 * 1024 * 1024)
    """Largest gRPC message to or from a backend (Excel files travel whole)."""
    import_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    """Largest Excel file accepted for import (413 above)."""
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    """Largest dossier attachment accepted (413 above; the dossier service checks it again)."""
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)
    web_dir: Path | None = None
    """The built web application (``web/dist``) served under ``/app/`` (ADR 0024)."""

    def jwt_settings(self) -> JwtSettings:
        return JwtSettings(
            keycloak_url=self.keycloak_url,
            realm=self.keycloak_realm,
            leeway_seconds=self.token_leeway_seconds,
            jwks_ttl_seconds=self.jwks_cache_ttl_seconds,
            refetch_min_interval_seconds=self.jwks_refetch_min_interval_seconds,
            audience=self.token_audience,
            redis_key_prefix=self.jwks_cache_key_prefix,
        )
