"""The provincial-sync gap report (ADR 0042): social-assistance roles, by the reader's unit (a
province officer their province, the ministry the country); two-way provinces only."""

from __future__ import annotations

from datetime import date

from ansinh_common.auth import Principal
from ansinh_common.authz import Action, Domain, Resource, UnitTree, require
from ansinh_common.catalogs.provincial_sync import SyncModes
from reporting.domain.provincial_gap import ProvincialSyncGap, gap_scope, gap_unit
from reporting.service_layer.provincial_gap_ports import ProvincialGapReads


def provincial_sync_gap(
    reads: ProvincialGapReads,
    principal: Principal,
    units: UnitTree,
    modes: SyncModes,
    *,
    level: str,
    unit_code: str,
    month: date,
    page: int = 0,
    page_size: int = 0,
) -> ProvincialSyncGap:
    code = gap_unit(level, unit_code, page=page, page_size=page_size)
    resource = Resource(code, "2025", domain=Domain.SOCIAL_ASSISTANCE)
    require(principal, Action.READ, resource, units=units)
    return reads.gap(gap_scope(level, code, month, modes, page=page, page_size=page_size))
