"""Development settings of the poverty service: ports and the shard map."""

from __future__ import annotations

import pytest

from ansinh_common.runtime import province_codes
from poverty.config import PovertySettings

OVERRIDES = (
    "ANSINH_GRPC_PORT",
    "ANSINH_METRICS_PORT",
    "ANSINH_SHARDS",
    "ANSINH_PROVINCE_SHARDS",
    "ANSINH_GLOBAL_DB_URL",
)


def test_development_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OVERRIDES:
        monkeypatch.delenv(name, raising=False)
    settings = PovertySettings()
    assert settings.service_name == "poverty"
    assert (settings.grpc_port, settings.metrics_port) == (58054, 58154)
    assert sorted(settings.shards) == ["s1", "s2", "s3"]
    assert settings.shards["s2"].endswith("@127.0.0.1:55432/poverty_s2")
    assert settings.global_db_url is not None
    assert settings.global_db_url.endswith("/poverty_global")
    assert sorted(settings.province_shards) == province_codes()
    assert len(settings.province_shards) == 34
    assert (settings.province_shards["01"], settings.province_shards["79"]) == ("s1", "s1")
