import pytest

from ansinh_common.db import normalize_url
from ansinh_common.db.targets import DatabaseTarget, parse_shards_json, targets_from_env


def test_plain_postgres_urls_get_the_psycopg_driver() -> None:
    assert normalize_url("postgresql://u:p@h:5/db") == "postgresql+psycopg://u:p@h:5/db"
    assert normalize_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_targets_from_env_lists_shards_then_global() -> None:
    env = {
        "ANSINH_SHARDS": '{"s2": "postgresql://h/b", "s1": "postgresql://h/a"}',
        "ANSINH_GLOBAL_DB_URL": "postgresql://h/g",
    }
    assert targets_from_env(env) == [
        DatabaseTarget("s1", "postgresql://h/a"),
        DatabaseTarget("s2", "postgresql://h/b"),
        DatabaseTarget("global", "postgresql://h/g"),
    ]
    assert targets_from_env(env)[-1].is_global


def test_empty_env_has_no_targets() -> None:
    assert targets_from_env({}) == []


@pytest.mark.parametrize("raw", ["[]", '{"s1": 3}', '"x"'])
def test_bad_shards_json(raw: str) -> None:
    with pytest.raises(ValueError, match="JSON object"):
        parse_shards_json(raw)


def test_global_is_reserved() -> None:
    with pytest.raises(ValueError, match="reserved"):
        targets_from_env({"ANSINH_SHARDS": '{"global": "postgresql://h/g"}'})


def test_targets_from_the_service_settings_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANSINH_SHARDS", raising=False)
    monkeypatch.setenv("ANSINH_SHARDS__S1", "postgresql://h/a")
    monkeypatch.setenv("ANSINH_GLOBAL_DB_URL", "postgresql://h/g")
    assert targets_from_env() == [
        DatabaseTarget("s1", "postgresql://h/a"),
        DatabaseTarget("global", "postgresql://h/g"),
    ]
