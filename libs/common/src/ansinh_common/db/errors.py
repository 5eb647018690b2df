"""Errors raised by shard routing."""

from __future__ import annotations


class ShardRoutingError(LookupError):
    """Base class: a province or shard could not be routed to a database."""


class UnknownProvinceError(ShardRoutingError):
    """The province code is not mapped to any shard."""

    def __init__(self, province_code: str, known: list[str]) -> None:
        self.province_code = province_code
        shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
        super().__init__(
            f"province {province_code!r} is not mapped to any shard (known provinces: {shown})"
        )


class UnknownShardError(ShardRoutingError):
    """The shard name has no database URL."""

    def __init__(self, shard: str, known: list[str]) -> None:
        self.shard = shard
        super().__init__(f"shard {shard!r} has no database URL (known shards: {', '.join(known)})")


class NoGlobalDatabaseError(ShardRoutingError):
    """The router was built without a global database URL."""

    def __init__(self) -> None:
        super().__init__("this router has no global database URL")
