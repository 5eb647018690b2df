"""Province → shard → database routing (logical and physical shards)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ansinh_common.db.engine import create_session_factory, create_shard_engine
from ansinh_common.db.errors import NoGlobalDatabaseError, UnknownProvinceError, UnknownShardError
from ansinh_common.db.session import session_scope
from ansinh_common.settings import ServiceSettings
from ansinh_common.telemetry.sql import instrument_engine

EngineFactory = Callable[[str, str], Engine]
"""Builds the engine of one shard from ``(shard_name, url)``."""

GLOBAL_SHARD = "global"
"""Name under which the global database's engine is built and reported."""


def _default_engine_factory(shard: str, url: str) -> Engine:
    engine = create_shard_engine(url, application_name=f"ansinh-{shard}")
    instrument_engine(engine)
    return engine


class ShardRouter:
    """Routes a province code to its shard's engine and sessions.

    Engines are created lazily, on first use, and cached per shard.
    """

    def __init__(
        self,
        province_shards: Mapping[str, str],
        shard_urls: Mapping[str, str],
        global_url: str | None = None,
        *,
        engine_factory: EngineFactory = _default_engine_factory,
    ) -> None:
        missing = sorted(set(province_shards.values()) - set(shard_urls))
        if missing:
            raise UnknownShardError(missing[0], sorted(shard_urls))
        if GLOBAL_SHARD in shard_urls:
            raise ValueError(f"shard name {GLOBAL_SHARD!r} is reserved for the global database")
        self._province_shards = dict(province_shards)
        self._shard_urls = dict(shard_urls)
        self._global_url = global_url
        self._engine_factory = engine_factory
        self._engines: dict[str, Engine] = {}
        self._factories: dict[str, sessionmaker[Session]] = {}
        self._lock = threading.Lock()

    @property
    def province_shards(self) -> Mapping[str, str]:
        return dict(self._province_shards)

    @property
    def shard_urls(self) -> Mapping[str, str]:
        return dict(self._shard_urls)

    @property
    def global_url(self) -> str | None:
        return self._global_url

    @classmethod
    def from_settings(
        cls, settings: ServiceSettings, *, engine_factory: EngineFactory | None = None
    ) -> ShardRouter:
        """The router of a service's ``shards``, ``province_shards`` and ``global_db_url``."""
        return cls(
            settings.province_shards,
            settings.shards,
            settings.global_db_url,
            engine_factory=engine_factory or _default_engine_factory,
        )

    def shards(self) -> list[str]:
        """All shard names (sorted), excluding the global database."""
        return sorted(self._shard_urls)

    def provinces(self, shard: str) -> list[str]:
        """Province codes held by ``shard`` (sorted)."""
        self._url_of(shard)
        return sorted(p for p, s in self._province_shards.items() if s == shard)

    def shard_for(self, province_code: str) -> str:
        """The shard holding ``province_code``; raises UnknownProvinceError."""
        try:
            return self._province_shards[province_code]
        except KeyError:
            raise UnknownProvinceError(province_code, sorted(self._province_shards)) from None

    def engine(self, shard: str) -> Engine:
        """The engine of ``shard`` (created on first use)."""
        return self._get(shard, self._url_of(shard))

    def engines(self) -> dict[str, Engine]:
        """Engines of every shard (not the global database), by shard name."""
        return {shard: self.engine(shard) for shard in self.shards()}

    def global_engine(self) -> Engine:
        if self._global_url is None:
            raise NoGlobalDatabaseError()
        return self._get(GLOBAL_SHARD, self._global_url)

    def session_factory(self, shard: str) -> sessionmaker[Session]:
        self.engine(shard)
        return self._factories[shard]

    def session(self, province_code: str) -> AbstractContextManager[Session]:
        """Transaction on the province's shard: commit on success, rollback on error."""
        return self.shard_session(self.shard_for(province_code))

    def shard_session(self, shard: str) -> AbstractContextManager[Session]:
        return session_scope(self.session_factory(shard))

    def global_session(self) -> AbstractContextManager[Session]:
        self.global_engine()
        return session_scope(self._factories[GLOBAL_SHARD])

    def with_province_moved(
        self, province_code: str, shard: str, url: str | None = None
    ) -> ShardRouter:
        """A new router where ``province_code`` lives on ``shard`` (added with ``url`` if new)."""
        self.shard_for(province_code)
        urls = dict(self._shard_urls)
        if url is not None:
            urls[shard] = url
        provinces = dict(self._province_shards)
        provinces[province_code] = shard
        return ShardRouter(provinces, urls, self._global_url, engine_factory=self._engine_factory)

    def dispose(self) -> None:
        """Close every pooled connection of every engine created so far."""
        with self._lock:
            engines = list(self._engines.values())
            self._engines.clear()
            self._factories.clear()
        for engine in engines:
            engine.dispose()

    def _url_of(self, shard: str) -> str:
        try:
            return self._shard_urls[shard]
        except KeyError:
            raise UnknownShardError(shard, sorted(self._shard_urls)) from None

    def _get(self, name: str, url: str) -> Engine:
        with self._lock:
            engine = self._engines.get(name)
            if engine is None:
                engine = self._engine_factory(name, url)
                self._engines[name] = engine
                self._factories[name] = create_session_factory(engine)
            return engine
