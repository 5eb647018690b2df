"""Settings of the registry service (``ANSINH_*`` environment variables), built in bootstrap.

Development defaults: three shards ``registry_s1..s3`` and the global index ``registry_global``
on the local PostgreSQL (ADR 0001), the 34 provinces of the 2025 catalog dealt out over the
three shards in code order (``ansinh_common.runtime.default_province_shards``: 01→s1, 04→s2,
08→s3, …). Production must set every URL (development passwords are refused
by ``ServiceSettings``). Moving a province to its own shard: ADR 0003.
"""

from __future__ import annotations

import socket
from pathlib import Path

from pydantic import Field

from ansinh_common.messaging.topics import topic_name
from ansinh_common.runtime import (
    GrpcServiceSettings,
    default_province_shards,
    development_global_url,
    development_shard_urls,
)

SERVICE_NAME = "registry"
BENEFICIARY_TOPIC = topic_name(SERVICE_NAME, "beneficiary")  # ansinh.registry.beneficiary.v1
EVENT_SOURCE = "ansinh/registry"


class RegistrySettings(GrpcServiceSettings):
    service_name: str = SERVICE_NAME
    grpc_port: int = Field(default=58053, ge=0, le=65535)  # docs/adr/0001: gRPC registry
    metrics_port: int | None = Field(default=58153, ge=0, le=65535)
    shards: dict[str, str] = Field(default_factory=lambda: development_shard_urls(SERVICE_NAME))
    province_shards: dict[str, str] = Field(default_factory=default_province_shards)
    global_db_url: str | None = development_global_url(SERVICE_NAME)
    beneficiary_topic: str = BENEFICIARY_TOPIC
    dossier_topic: str | None = None
    """Decisions signed on dossiers (``DecisionIssued``, issue 12): ``ansinh.dossier.v1`` where
    the dossier service runs (supervisor, chart); None: not consumed (tests that do not ask)."""
    consumer_group: str = "registry"
    """Prefix of the workers' consumer groups: ``<prefix>-<shard>`` (one inbox per shard)."""
    worker_shards: list[str] = Field(default_factory=list)
    """Shards a worker process serves (empty: every shard)."""
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)
    """``/metrics`` of a worker process (retries and dead letters, ADR 0008): none by default,
    58253 under the local supervisor, the chart sets it (its probes)."""
    worker_instance: str | None = Field(default_factory=socket.gethostname)
    """Stable name of this worker process for static Kafka group membership (the pod or host
    name; a restart under the same name resumes at once). One name per live process; None:
    dynamic membership, a dead worker's partitions wait for its 6 s session timeout."""
    import_dir: Path | None = None
    """Server-side folder from which ImportFile may read files by path (else bytes only)."""
    grpc_max_message_bytes: int = 64 * 1024 * 1024
    """Excel files travel in one message (100,000 rows ≈ 10 MB)."""
    import_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    """Largest Excel file an import accepts (the gateway's limit is the same by default)."""
    import_batch_rows: int = Field(default=1000, ge=1)
    """Rows validated and prefetched together during an import."""
