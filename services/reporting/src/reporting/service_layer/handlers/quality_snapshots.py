"""The worker's periodic task: the data-quality campaign's figures of the current month, per
province and per commune of every province (the last run of a month is the month's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from reporting.domain.reports import unit_scope
from reporting.service_layer.ports import QualitySnapshotStore, ReportReads


def take_snapshots(
    reads: ReportReads, store: QualitySnapshotStore, month: date, provinces: Iterable[str]
) -> None:
    store.save(month, "province", reads.quality(unit_scope("country", "", month), "province"))
    for province in provinces:
        scope = unit_scope("province", province, month)
        store.save(month, "commune", reads.quality(scope, "commune"))
