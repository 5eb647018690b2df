"""Apply one registry record's facts to the entitlement projection (ADR 0027).

Called inside the inbox's transaction (the worker) or the rebuild's (``rebuild_from_snapshot``:
one transaction per batch of the registry's snapshot of a province): idempotent (the inbox
drops a duplicate event; an equal or older version changes nothing) and order-safe per record
(an out-of-order older version is ignored by ``version``).
"""

from __future__ import annotations

from payment.domain.channel_assignment import projected_assignment
from payment.domain.months import Month
from payment.domain.registry_record import RebuildReport, RegistryRecord
from payment.service_layer.ports import (
    EntitlementProjection,
    ProjectionTransactions,
    RegistrySnapshots,
)


def project_record(record: RegistryRecord | None, projection: EntitlementProjection) -> bool:
    """True if the projection changed. The record's payment channel goes to the person's ID →
    channel mapping when it says something new (``projected_assignment``)."""
    if record is None or not record.newer_than(projection.record_version(record.record_id)):
        return False
    projection.save_record(record)
    changed = record.changed_on
    version = projected_assignment(
        record.person_id, record.channel, projection.channel_history(record.person_id),
        record.membership.start_month,
        Month(changed.year, changed.month) if changed else record.membership.start_month,
    )  # fmt: skip
    if version is not None:
        projection.add_channel(version)
    return True


def rebuild_from_snapshot(
    province_code: str, snapshots: RegistrySnapshots, transactions: ProjectionTransactions
) -> RebuildReport:
    """Load the registry's snapshot of ``province_code`` into the projection, batch by batch.

    Safe on a projection that is already (partly) there or that the worker keeps writing
    meanwhile: only newer versions replace. The events after the snapshot (from its
    ``taken_at``) then come from the worker's consumer (ADR 0027)."""
    records = applied = position = 0
    taken_at = None
    for batch in snapshots.snapshot(province_code):
        position, taken_at = batch.outbox_position, batch.taken_at
        with transactions(province_code) as projection:
            for record in batch.records:
                records += 1
                applied += project_record(record, projection)
    return RebuildReport(province_code, records, applied, position, taken_at)
