"""Base settings of every service, read from ``ANSINH_*`` environment variables.

Nested values use ``__``: ``ANSINH_SHARDS__S1=postgresql+psycopg://…``,
``ANSINH_PROVINCE_SHARDS__01=s1`` (or a JSON object in ``ANSINH_SHARDS``). Services
subclass :class:`ServiceSettings` with their own defaults and fields, and build it in
``bootstrap`` (never at import time).
"""

from __future__ import annotations

import importlib
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

Environment = Literal["development", "test", "production"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

DEV_SECRETS = frozenset({"", "ansinh", "admin", "password", "secret", "changeme", "dev"})
"""Passwords and client secrets used in development; refused in production."""


def url_password(url: str) -> str | None:
    """The password inside a database/redis URL, or None if it has none."""
    try:
        return make_url(url).password
    except ArgumentError:
        return None


class ServiceSettings(BaseSettings):
    """Settings every service has; secrets at development defaults are refused in production."""

    model_config = SettingsConfigDict(
        env_prefix="ANSINH_", env_nested_delimiter="__", extra="ignore", frozen=True
    )

    service_name: str = "ansinh"
    environment: Environment = "development"
    log_level: LogLevel = "INFO"
    grpc_port: int = Field(default=0, ge=0, le=65535)
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    """Bind address of ``/metrics``: 127.0.0.1 locally (ADR 0002); ``0.0.0.0`` in a pod."""
    kafka_bootstrap: str = "127.0.0.1:59092"
    kafka_security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    """PLAINTEXT only locally (127.0.0.1); production: SASL_SSL with SCRAM (Strimzi)."""
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_ca_location: str | None = None
    """CA bundle of the brokers' certificates (Strimzi: the cluster CA secret, mounted)."""
    redis_url: str = "redis://127.0.0.1:56379/0"
    shards: dict[str, str] = Field(default_factory=dict)
    """Shard name → database URL (``postgresql+psycopg://user:pass@host:port/db``)."""
    province_shards: dict[str, str] = Field(default_factory=dict)
    """Province code → shard name."""
    global_db_url: str | None = None
    keycloak_url: str = "http://127.0.0.1:58080"
    keycloak_realm: str = "ansinh"
    keycloak_client_secret: SecretStr | None = None
    token_audience: str | None = "ansinh-services"
    """Tokens a service accepts on gRPC must name this audience (ADR 0011)."""
    service_client_id: str | None = None
    """This service's own confidential Keycloak client, for calls that act for no user."""
    service_client_secret: SecretStr | None = None

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check(self) -> ServiceSettings:
        unknown = sorted({s for s in self.province_shards.values() if s not in self.shards})
        if unknown:
            raise ValueError(f"province_shards names unknown shards: {', '.join(unknown)}")
        if self.environment == "production":
            weak = self.weak_secrets()
            if weak:
                raise ValueError(
                    "refusing development secrets in production: "
                    + ", ".join(weak)
                    + " (set real values through ANSINH_* environment variables / secrets)"
                )
        return self

    def weak_secrets(self) -> list[str]:
        """Names of the settings whose secret is a development default."""
        urls: dict[str, str | None] = {f"shards.{k}": v for k, v in self.shards.items()}
        urls["global_db_url"] = self.global_db_url
        urls["redis_url"] = self.redis_url
        weak = [
            name
            for name, url in urls.items()
            if url is not None and url_password(url) in DEV_SECRETS
        ]
        kafka = self.kafka_sasl_password
        if self.kafka_security_protocol != "PLAINTEXT" and (
            kafka is None or kafka.get_secret_value() in DEV_SECRETS
        ):
            weak.append("kafka_sasl_password")
        secret = self.keycloak_client_secret
        if secret is not None and secret.get_secret_value() in DEV_SECRETS:
            weak.append("keycloak_client_secret")
        own = self.service_client_secret
        if own is not None and (
            own.get_secret_value() in DEV_SECRETS or own.get_secret_value().startswith("dev-")
        ):
            weak.append("service_client_secret")
        return weak

    def kafka_client_config(self) -> dict[str, str]:
        """librdkafka settings authenticating to the brokers (empty when PLAINTEXT)."""
        if self.kafka_security_protocol == "PLAINTEXT":
            return {}
        config = {
            "security.protocol": self.kafka_security_protocol,
            "sasl.mechanism": self.kafka_sasl_mechanism,
            "sasl.username": self.kafka_sasl_username or "",
            "sasl.password": (
                self.kafka_sasl_password.get_secret_value() if self.kafka_sasl_password else ""
            ),
        }
        if self.kafka_ssl_ca_location:
            config["ssl.ca.location"] = self.kafka_ssl_ca_location
        return config

    def shard_for_province(self, province_code: str) -> str:
        """The shard name holding ``province_code`` (KeyError if unmapped)."""
        return self.province_shards[province_code]


def load_settings_class(spec: str) -> type[ServiceSettings]:
    """``"dossier.config:DossierSettings"`` → the class (must subclass ServiceSettings).

    Used by the commands that act for a service (``ansinh_common.runtime.migrate``,
    ``ansinh_common.messaging.relay``) so they read the service's own settings.
    """
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        raise ValueError(f"settings must be 'module:Class', got {spec!r}")
    found = getattr(importlib.import_module(module_name), attribute, None)
    if not (isinstance(found, type) and issubclass(found, ServiceSettings)):
        raise TypeError(f"{spec} is not a ServiceSettings subclass")
    return found
