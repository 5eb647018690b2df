"""Ports of the provincial-sync gap (ADR 0042)."""

from __future__ import annotations

from typing import Protocol

from reporting.domain.provincial_gap import (
    GapScope,
    PlatformDossier,
    ProvinceTold,
    ProvincialSubmission,
    ProvincialSyncGap,
)


class ProvincialSyncWriter(Protocol):
    """Keeps the earliest time of each fact (order-independent)."""

    def submitted(self, f: ProvincialSubmission) -> None: ...

    def dossier(self, f: PlatformDossier) -> None: ...

    def told(self, f: ProvinceTold) -> None: ...


class ProvincialGapReads(Protocol):
    def gap(self, scope: GapScope) -> ProvincialSyncGap: ...
