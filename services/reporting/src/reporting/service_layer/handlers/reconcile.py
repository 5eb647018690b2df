"""The reconciliation job: read-model counts against the owning service's, per province."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from reporting.domain.reconciliation import Difference, differences
from reporting.service_layer.ports import OwnerCounts, ReportReads

log = logging.getLogger(__name__)


def reconcile(reads: ReportReads, owner: OwnerCounts, provinces: Iterable[str]) -> list[Difference]:
    """Every difference found; each is logged (no personal data: counts only)."""
    ours = reads.record_counts()
    found: list[Difference] = []
    for province in sorted(set(provinces)):
        shard, theirs = owner.beneficiary_counts(province)
        read_model = {s: n for (p, s), n in ours.items() if p == province}
        found.extend(differences(province, shard, read_model, theirs))
    for d in found:
        log.warning(
            "reconciliation: province %s shard %s status %s: read model %d, registry %d",
            d.province_code, d.shard, d.status, d.read_model, d.owner,
        )  # fmt: skip
    return found
