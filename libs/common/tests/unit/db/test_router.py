from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from ansinh_common.db import (
    EngineFactory,
    NoGlobalDatabaseError,
    ShardRouter,
    UnknownProvinceError,
    UnknownShardError,
)
from ansinh_common.settings import ServiceSettings

PROVINCES = {"01": "s1", "79": "s2", "48": "s2"}


def sqlite_factory(created: list[str]) -> EngineFactory:
    def factory(shard: str, url: str) -> Engine:
        created.append(shard)
        return create_engine(url)

    return factory


def make_router(tmp_path: Path, created: list[str] | None = None) -> ShardRouter:
    urls = {name: f"sqlite:///{tmp_path}/{name}.db" for name in ("s1", "s2")}
    return ShardRouter(
        PROVINCES,
        urls,
        f"sqlite:///{tmp_path}/global.db",
        engine_factory=sqlite_factory(created if created is not None else []),
    )


def test_shard_for_known_province(tmp_path: Path) -> None:
    router = make_router(tmp_path)
    assert router.shard_for("01") == "s1"
    assert router.shard_for("79") == "s2"
    assert router.provinces("s2") == ["48", "79"]
    assert router.shards() == ["s1", "s2"]


def test_unknown_province_is_a_clear_error(tmp_path: Path) -> None:
    router = make_router(tmp_path)
    with pytest.raises(UnknownProvinceError, match=r"province '99' is not mapped.*01, 48, 79"):
        router.shard_for("99")
    with pytest.raises(UnknownProvinceError):
        router.session("99").__enter__()


def test_unknown_shard_is_a_clear_error(tmp_path: Path) -> None:
    router = make_router(tmp_path)
    with pytest.raises(UnknownShardError, match=r"shard 's9' has no database URL.*s1, s2"):
        router.engine("s9")


def test_a_province_mapped_to_a_shard_without_url_is_refused() -> None:
    with pytest.raises(UnknownShardError, match="s3"):
        ShardRouter({"01": "s3"}, {"s1": "sqlite://"})


def test_global_is_a_reserved_shard_name() -> None:
    with pytest.raises(ValueError, match="reserved"):
        ShardRouter({}, {"global": "sqlite://"})


def test_no_global_database() -> None:
    with pytest.raises(NoGlobalDatabaseError):
        ShardRouter({}, {}).global_engine()


def test_engines_are_created_lazily_and_cached(tmp_path: Path) -> None:
    created: list[str] = []
    router = make_router(tmp_path, created)
    assert created == []
    assert router.engine("s1") is router.engine("s1")
    assert created == ["s1"]
    assert set(router.engines()) == {"s1", "s2"}
    router.global_engine()
    assert sorted(created) == ["global", "s1", "s2"]
    router.dispose()


def test_session_commits_on_success_and_rolls_back_on_error(tmp_path: Path) -> None:
    router = make_router(tmp_path)
    with router.session("79") as session:
        session.execute(text("CREATE TABLE t (v INTEGER)"))
        session.execute(text("INSERT INTO t VALUES (1)"))
    with pytest.raises(RuntimeError), router.session("48") as session:
        session.execute(text("INSERT INTO t VALUES (2)"))
        raise RuntimeError("boom")
    with router.shard_session("s2") as session:
        assert session.execute(text("SELECT v FROM t")).scalars().all() == [1]


def test_with_province_moved(tmp_path: Path) -> None:
    router = make_router(tmp_path)
    moved = router.with_province_moved("79", "s79", f"sqlite:///{tmp_path}/s79.db")
    assert moved.shard_for("79") == "s79"
    assert moved.shard_for("48") == "s2"
    assert router.shard_for("79") == "s2"


def test_router_from_service_settings() -> None:
    settings = ServiceSettings(
        shards={"s1": "sqlite://", "s2": "sqlite://"},
        province_shards={"01": "s1", "79": "s2"},
        global_db_url="sqlite://",
    )
    router = ShardRouter.from_settings(settings)
    assert router.shard_for("79") == "s2"
    assert router.global_url == "sqlite://"
