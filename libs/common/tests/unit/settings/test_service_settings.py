"""ServiceSettings: environment parsing and secrets refused in production."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from ansinh_common.settings import ServiceSettings

DEV_URL = "postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432/registry_s1"
PROD_URL = "postgresql+psycopg://registry:Kh0-b1-m4t@db-s1:5432/registry_s1"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("ANSINH_"):
            monkeypatch.delenv(key)


def test_defaults_follow_the_port_conventions() -> None:
    s = ServiceSettings()
    assert s.environment == "development"
    assert s.kafka_bootstrap == "127.0.0.1:59092"
    assert s.redis_url == "redis://127.0.0.1:56379/0"
    assert s.keycloak_url == "http://127.0.0.1:58080"
    assert s.keycloak_realm == "ansinh"
    assert s.shards == {} and s.province_shards == {}


def test_nested_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANSINH_SERVICE_NAME", "registry")
    monkeypatch.setenv("ANSINH_LOG_LEVEL", "debug")
    monkeypatch.setenv("ANSINH_GRPC_PORT", "58053")
    monkeypatch.setenv("ANSINH_SHARDS__S1", DEV_URL)
    monkeypatch.setenv("ANSINH_SHARDS__S2", DEV_URL.replace("s1", "s2"))
    monkeypatch.setenv("ANSINH_PROVINCE_SHARDS__01", "s1")
    monkeypatch.setenv("ANSINH_PROVINCE_SHARDS__79", "s2")
    s = ServiceSettings()
    assert s.service_name == "registry" and s.log_level == "DEBUG" and s.grpc_port == 58053
    assert set(s.shards) == {"s1", "s2"}
    assert s.shard_for_province("79") == "s2"


def test_json_dict_in_one_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANSINH_SHARDS", json.dumps({"s1": DEV_URL}))
    monkeypatch.setenv("ANSINH_PROVINCE_SHARDS", '{"01": "s1"}')
    assert ServiceSettings().shards["s1"] == DEV_URL


def test_province_mapped_to_unknown_shard_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown shards: s9"):
        ServiceSettings(shards={"s1": DEV_URL}, province_shards={"01": "s9"})


def test_development_allows_development_secrets() -> None:
    s = ServiceSettings(shards={"s1": DEV_URL}, global_db_url=DEV_URL)
    assert s.weak_secrets() == ["shards.s1", "global_db_url"]


@pytest.mark.parametrize(
    "overrides, culprit",
    [
        ({"shards": {"s1": DEV_URL}}, "shards.s1"),
        ({"global_db_url": DEV_URL}, "global_db_url"),
        ({"redis_url": "redis://:secret@redis:6379/0"}, "redis_url"),
        ({"keycloak_client_secret": "admin"}, "keycloak_client_secret"),
    ],
)
def test_production_refuses_development_secrets(overrides: dict[str, object], culprit: str) -> None:
    with pytest.raises(
        ValidationError, match=f"refusing development secrets in production: {culprit}"
    ):
        ServiceSettings(environment="production", **overrides)  # type: ignore[arg-type]


def test_production_accepts_real_secrets() -> None:
    s = ServiceSettings(
        environment="production",
        shards={"s1": PROD_URL},
        province_shards={"01": "s1"},
        global_db_url=PROD_URL.replace("s1", "global"),
        keycloak_client_secret="9f3c1d2e-real",
    )
    assert s.weak_secrets() == []


def test_subclass_adds_fields_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    class RegistrySettings(ServiceSettings):
        service_name: str = "registry"
        grpc_port: int = 58053
        page_size: int = 50

    monkeypatch.setenv("ANSINH_PAGE_SIZE", "20")
    s = RegistrySettings()
    assert (s.service_name, s.grpc_port, s.page_size) == ("registry", 58053, 20)


def test_unknown_environment_is_refused() -> None:
    with pytest.raises(ValidationError):
        ServiceSettings(environment="staging")


def test_metrics_bind_to_loopback_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ServiceSettings().metrics_host == "127.0.0.1"  # ADR 0002: locally 127.0.0.1
    monkeypatch.setenv("ANSINH_METRICS_HOST", "0.0.0.0")  # what the chart sets in a pod
    assert ServiceSettings().metrics_host == "0.0.0.0"


def test_load_settings_class_from_module_and_name() -> None:
    from ansinh_common.runtime.settings import GrpcServiceSettings
    from ansinh_common.settings import load_settings_class

    spec = "ansinh_common.runtime.settings:GrpcServiceSettings"
    assert load_settings_class(spec) is GrpcServiceSettings
    with pytest.raises(ValueError, match="module:Class"):
        load_settings_class("ansinh_common.runtime.settings")
    with pytest.raises(TypeError, match="not a ServiceSettings subclass"):
        load_settings_class("ansinh_common.runtime.shards:DEV_PG_SERVER")
