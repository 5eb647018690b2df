"""Database plumbing: engines and sessions per shard, province → shard routing."""

from ansinh_common.db.engine import create_session_factory, create_shard_engine, normalize_url
from ansinh_common.db.errors import (
    NoGlobalDatabaseError,
    ShardRoutingError,
    UnknownProvinceError,
    UnknownShardError,
)
from ansinh_common.db.move import ProvinceMoveError, move_province, purge_province
from ansinh_common.db.router import GLOBAL_SHARD, EngineFactory, ShardRouter
from ansinh_common.db.session import session_scope

__all__ = [
    "GLOBAL_SHARD",
    "EngineFactory",
    "NoGlobalDatabaseError",
    "ProvinceMoveError",
    "ShardRouter",
    "ShardRoutingError",
    "UnknownProvinceError",
    "UnknownShardError",
    "create_session_factory",
    "create_shard_engine",
    "move_province",
    "normalize_url",
    "purge_province",
    "session_scope",
]
