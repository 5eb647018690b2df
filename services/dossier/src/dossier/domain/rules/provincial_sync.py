"""Which way a province's one-stop system exchanges dossiers with the platform: the shared
catalog ``ansinh_common.catalogs.provincial_sync`` (one file, one loader; ADR 0042)."""

from __future__ import annotations

from ansinh_common.catalogs import provincial_sync as _catalog
from ansinh_common.catalogs.provincial_sync import (
    SyncMode,
    SyncModes,
    parse_sync_modes,
    shipped_sync_modes,
)

LEGAL_BASIS = _catalog.LEGAL_BASIS

__all__ = ["LEGAL_BASIS", "SyncMode", "SyncModes", "parse_sync_modes", "shipped_sync_modes"]
