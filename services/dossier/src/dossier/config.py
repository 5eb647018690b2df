"""Settings of the dossier service (``ANSINH_*``), built by its entry points only."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

from pydantic import Field

from ansinh_common.runtime import ShardedServiceSettings

DOSSIER_TOPIC = "ansinh.dossier.v1"
"""Every status change and decision of a dossier (key = dossier id), proto ansinh.dossier.v1."""


class DossierSettings(ShardedServiceSettings):
    service_name: str = "dossier"
    grpc_port: int = Field(default=58052, ge=0, le=65535)
    metrics_port: int | None = Field(default=58152, ge=0, le=65535)
    dossier_topic: str = DOSSIER_TOPIC
    registry_topic: str = "ansinh.registry.beneficiary.v1"
    """The registry's answers to decisions (``DossierDecisionApplied`` / ``...Refused``)."""
    consumer_group: str = "dossier"
    """Prefix of the workers' consumer groups: ``<prefix>-<shard>`` (one inbox per shard)."""
    worker_shards: list[str] = Field(default_factory=list)
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)
    worker_instance: str | None = Field(default_factory=socket.gethostname)
    population_db_url: str | None = "http://127.0.0.1:58201"
    population_db_api_key: str = "dev-population-key"
    poverty_target: str | None = "127.0.0.1:58054"
    """The poverty service (``GetPersonStatus``), asked at the commune's check of dossiers whose
    category needs the household's poverty status; None: such checks are refused (503)."""
    poverty_timeout_seconds: float = Field(default=3.0, gt=0)
    attachment_dir: Path = Path(".data/dossier-attachments")
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    clock_date: dt.date | None = None
    """Development and tests only: the service's calendar date is this day (the time of day is
    the real one), e.g. to receive a dossier under the three-level model (before 1 Jul 2025)."""

    # --- provincial one-stop sync (ADR 0018); the worker: ``dossier.entrypoints.worker`` ---
    provincial_topic_prefix: str = "ansinh.provincial"
    """Topics ``<prefix>.<province>.inbound.v1`` / ``.outbound.v1`` (tests use their own)."""
    provincial_consumer_group: str = "dossier-provincial"
    """Prefix of the worker's groups ``<prefix>-inbound-<shard>`` / ``<prefix>-outbound-<shard>``
    (the inbox of each in the shard)."""
