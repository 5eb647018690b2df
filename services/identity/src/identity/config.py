"""Settings of the identity service (environment ``ANSINH_*``, as every service)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from ansinh_common.runtime.settings import GrpcServiceSettings
from identity.domain.periods import DEFAULT_PERIODS, ModelPeriod


class IdentitySettings(GrpcServiceSettings):
    """Defaults match the local servers of ADR 0001.

    Inherited: environment, log level, redis_url, keycloak_url/realm, keycloak_client_secret
    (the admin client's secret), global_db_url, grpc_host/port, metrics_port, shutdown grace.
    """

    service_name: str = "identity"
    grpc_port: int = Field(default=58051, ge=0, le=65535)
    metrics_port: int | None = Field(default=58151, ge=0, le=65535)
    global_db_url: str | None = "postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432/identity_global"
    """The service's one database (audit); accounts live in Keycloak, nothing is per province."""

    keycloak_admin_client_id: str = "ansinh-identity-admin"
    keycloak_client_secret: SecretStr | None = SecretStr("dev-identity-secret")
    keycloak_timeout_seconds: int = Field(default=10, ge=1, le=120)
    require_officer_otp: bool = False
    """Officers' new accounts must enrol an OTP app at first login (on in production values,
    off in the demo: docs/security.md)."""

    population_db_url: str = "http://127.0.0.1:58201"
    population_db_api_key: SecretStr = SecretStr("dev-population-key")
    population_db_timeout_seconds: float = Field(default=3.0, gt=0, le=60)

    unit_model_periods: tuple[ModelPeriod, ...] = DEFAULT_PERIODS
    """Administrative model per period, e.g.
    ``ANSINH_UNIT_MODEL_PERIODS='[{"start": "1900-01-01", "model": "three_level"}]'``."""

    disabled_flag_prefix: str = "ansinh:identity:disabled:"
    disabled_flag_ttl_seconds: int = Field(default=330, ge=30)
    """≥ the realm's access-token lifespan (300 s) + the gateway's leeway (10 s)."""
    disabled_sync_interval_seconds: float = Field(default=5.0, gt=0, le=300)
    """How often accounts disabled directly in Keycloak are copied to the gateway's list."""

    def weak_secrets(self) -> list[str]:
        weak = super().weak_secrets()
        if self.keycloak_client_secret is not None and (
            self.keycloak_client_secret.get_secret_value() == "dev-identity-secret"
        ):
            weak.append("keycloak_client_secret")
        if self.population_db_api_key.get_secret_value() == "dev-population-key":
            weak.append("population_db_api_key")
        return weak
