"""The reconciliation job: read-model counts against the owning service's, per province."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from reporting.domain.reconciliation import Difference, differences
from reporting.service_layer.ports import OwnerCounts, ReadModelCounts, ReportReads, SourceCounts

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


def reconcile_read_models(
    ours: ReadModelCounts, owners: Mapping[str, SourceCounts], provinces: Iterable[str]
) -> list[Difference]:
    """The poverty, procedures and budget read models against their owners' counts
    (``owners``: source name → counts), per province and shard; each difference is logged."""
    found: list[Difference] = []
    for source, owner in sorted(owners.items()):
        for province in sorted(set(provinces)):
            shard, theirs = owner.counts(province)
            found.extend(differences(province, shard, ours.counts(source, province), theirs,
                                     source))  # fmt: skip
    for d in found:
        log.warning(
            "reconciliation: %s province %s shard %s %s: read model %d, owner %d",
            d.source, d.province_code, d.shard, d.status, d.read_model, d.owner,
        )  # fmt: skip
    return found
