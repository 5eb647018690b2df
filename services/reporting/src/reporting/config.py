"""Settings of the reporting service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

import socket

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings

REGISTRY_TOPIC = "ansinh.registry.beneficiary.v1"


class ReportingSettings(ShardedServiceSettings):
    service_name: str = "reporting"
    grpc_port: int = Field(default=58056, ge=0, le=65535)
    metrics_port: int | None = Field(default=58156, ge=0, le=65535)
    # the read models' worker (ADR 0022): the topics it projects, its consumer group
    registry_topic: str = REGISTRY_TOPIC
    # more projected topics (ADR 0029), off when unset: "ansinh.poverty.v1", "ansinh.dossier.v1",
    # "ansinh.payment.v1"
    poverty_topic: str | None = None
    dossier_topic: str | None = None
    payment_topic: str | None = None
    # the provincial-sync gap (ADR 0042): "<prefix>.<PP>.inbound.v1" and ".outbound.v1" of the
    # two-way provinces (ansinh_common.catalogs.provincial_sync); off when unset
    provincial_topic_prefix: str | None = None
    # the data-quality snapshots of the current month (ADR 0029); off when unset
    quality_snapshot_every_s: float | None = Field(default=None, gt=0)
    consumer_group: str = "reporting-read-models"
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)
    worker_instance: str | None = Field(default_factory=socket.gethostname)
    # reconciliation against the registry's counts (gRPC target; off when unset)
    registry_target: str | None = None
    # and against the poverty, dossier and payment services' counts (ADR 0035; off when unset)
    poverty_target: str | None = None
    dossier_target: str | None = None
    payment_target: str | None = None
    reconcile_every_s: float = Field(default=900.0, gt=0)

    def projected_topics(self) -> list[str]:
        """Every topic the read-model worker consumes."""
        topics = [self.registry_topic, self.poverty_topic, self.dossier_topic, self.payment_topic]
        return [t for t in topics if t]
