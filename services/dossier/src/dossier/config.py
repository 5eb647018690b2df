"""Settings of the dossier service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

import socket

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings


class DossierSettings(ShardedServiceSettings):
    service_name: str = "dossier"
    grpc_port: int = Field(default=58052, ge=0, le=65535)
    metrics_port: int | None = Field(default=58152, ge=0, le=65535)

    # --- provincial one-stop sync (ADR 0018); the worker: ``dossier.entrypoints.worker`` ---
    provincial_topic_prefix: str = "ansinh.provincial"
    """Topics ``<prefix>.<province>.inbound.v1`` / ``.outbound.v1`` (tests use their own)."""
    provincial_sync_source_topic: str = "ansinh.dossier.v1"
    """The dossier events (``DossierStatusChanged``) the outbound sync maps and forwards."""
    provincial_consumer_group: str = "dossier-provincial"
    """Prefix of the worker's groups ``<prefix>-inbound-<shard>`` / ``<prefix>-outbound-<shard>``
    (the inbox of each in the shard)."""
    worker_shards: list[str] = Field(default_factory=list)
    """Shards a worker process serves (empty: every shard)."""
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)
    """``/metrics`` of a worker process: none locally, the chart sets it (its probes)."""
    worker_instance: str | None = Field(default_factory=socket.gethostname)
    """Stable name of this worker process for static Kafka group membership."""
