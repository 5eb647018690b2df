"""Development defaults of a service's shards: databases and the province → shard map.

Every service uses the same layout in development (ADR 0001/0003): shards ``s1..s3`` in the
databases ``<svc>_s1..<svc>_s3`` plus ``<svc>_global``, all on the local PostgreSQL, and the 34
provinces of the 2025 catalog dealt out over the shards in code order (01→s1, 04→s2, 08→s3,
11→s1, …). Production sets ``ANSINH_SHARDS``, ``ANSINH_PROVINCE_SHARDS`` and
``ANSINH_GLOBAL_DB_URL`` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from ansinh_common.catalogs.admin_units import CatalogVersion, Level, units

DEV_PG_SERVER = "postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432"
DEV_SHARD_COUNT = 3


def shard_names(count: int = DEV_SHARD_COUNT) -> list[str]:
    """``["s1", …, "s<count>"]``."""
    if count < 1:
        raise ValueError("a service needs at least one shard")
    return [f"s{n}" for n in range(1, count + 1)]


def province_codes(version: CatalogVersion | str = CatalogVersion.V2025) -> list[str]:
    """Codes of the provinces of a catalog version, sorted (34 in the 2025 catalog)."""
    return sorted(unit.code for unit in units(version, Level.PROVINCE))


def default_province_shards(shards: Sequence[str] | None = None) -> dict[str, str]:
    """Province code → shard: the 2025 provinces in code order, dealt out round robin.

    Deterministic (same result on every machine and run); with the default three shards
    every shard holds 11 or 12 provinces.
    """
    names = list(shards) if shards is not None else shard_names()
    if not names:
        raise ValueError("a service needs at least one shard")
    return {code: names[i % len(names)] for i, code in enumerate(province_codes())}


def development_shard_urls(
    service: str, count: int = DEV_SHARD_COUNT, server: str = DEV_PG_SERVER
) -> dict[str, str]:
    """``{"s1": "<server>/<service>_s1", …}``."""
    return {name: f"{server}/{service}_{name}" for name in shard_names(count)}


def development_global_url(service: str, server: str = DEV_PG_SERVER) -> str:
    """``<server>/<service>_global``."""
    return f"{server}/{service}_global"
