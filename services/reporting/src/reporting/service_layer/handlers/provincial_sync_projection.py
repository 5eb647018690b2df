"""The inbox handler's use case for the provincial-sync facts (ADR 0042)."""

from __future__ import annotations

from reporting.domain.provincial_gap import (
    PlatformDossier,
    ProvinceTold,
    ProvincialSubmission,
    SyncFact,
)
from reporting.service_layer.provincial_gap_ports import ProvincialSyncWriter


def project_sync(fact: SyncFact | None, writer: ProvincialSyncWriter) -> None:
    if isinstance(fact, ProvincialSubmission):
        writer.submitted(fact)
    elif isinstance(fact, PlatformDossier):
        writer.dossier(fact)
    elif isinstance(fact, ProvinceTold):
        writer.told(fact)
