"""Settings of the registry service (``ANSINH_*`` environment variables), built in bootstrap.

Development defaults: three shards ``registry_s1..s3`` and the global index ``registry_global``
on the local PostgreSQL (ADR 0001), the 34 provinces of the 2025 catalog spread over the three
shards by code (round robin). Production must set every URL (development passwords are refused
by ``ServiceSettings``). Moving a province to its own shard: ADR 0003.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ansinh_common.messaging.topics import topic_name
from ansinh_common.settings import ServiceSettings

SERVICE_NAME = "registry"
BENEFICIARY_TOPIC = topic_name(SERVICE_NAME, "beneficiary")  # ansinh.registry.beneficiary.v1
EVENT_SOURCE = "ansinh/registry"

DEV_PG = "postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432"
DEV_SHARDS = {f"s{n}": f"{DEV_PG}/registry_s{n}" for n in (1, 2, 3)}
DEV_GLOBAL_DB = f"{DEV_PG}/registry_global"

# The 34 provinces of 2025 (Resolution 202/2025/QH15), sorted by code, dealt out s1, s2, s3, …
DEV_PROVINCE_SHARDS: dict[str, str] = {
    "01": "s1", "04": "s2", "08": "s3", "11": "s1", "12": "s2", "14": "s3", "15": "s1",
    "19": "s2", "20": "s3", "22": "s1", "24": "s2", "25": "s3", "31": "s1", "33": "s2",
    "37": "s3", "38": "s1", "40": "s2", "42": "s3", "44": "s1", "46": "s2", "48": "s3",
    "51": "s1", "52": "s2", "56": "s3", "66": "s1", "68": "s2", "75": "s3", "79": "s1",
    "80": "s2", "82": "s3", "86": "s1", "91": "s2", "92": "s3", "96": "s1",
}  # fmt: skip


class RegistrySettings(ServiceSettings):
    service_name: str = SERVICE_NAME
    grpc_port: int = 58053  # docs/adr/0001: gRPC registry
    metrics_port: int | None = 58153
    shards: dict[str, str] = Field(default_factory=lambda: dict(DEV_SHARDS))
    province_shards: dict[str, str] = Field(default_factory=lambda: dict(DEV_PROVINCE_SHARDS))
    global_db_url: str | None = DEV_GLOBAL_DB
    beneficiary_topic: str = BENEFICIARY_TOPIC
    consumer_group: str = "registry"
    """Prefix of the workers' consumer groups: ``<prefix>-<shard>`` (one inbox per shard)."""
    worker_shards: list[str] = Field(default_factory=list)
    """Shards a worker process serves (empty: every shard)."""
    import_dir: Path | None = None
    """Server-side folder from which ImportFile may read files by path (else bytes only)."""
    grpc_max_message_bytes: int = 64 * 1024 * 1024
    """Excel files travel in one message (100,000 rows ≈ 10 MB)."""
    import_batch_rows: int = Field(default=1000, ge=1)
    """Rows validated and prefetched together during an import."""
