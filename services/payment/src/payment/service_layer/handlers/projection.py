"""Apply one registry record's facts to the entitlement projection (ADR 0027).

Called inside the inbox's transaction (the worker) or the rebuild's: idempotent (the inbox
drops a duplicate event; an equal or older version changes nothing) and order-safe per record
(an out-of-order older version is ignored by ``version``).
"""

from __future__ import annotations

from payment.domain.registry_record import RegistryRecord
from payment.service_layer.ports import EntitlementProjection


def project_record(record: RegistryRecord | None, projection: EntitlementProjection) -> bool:
    """True if the projection changed."""
    if record is None or not record.newer_than(projection.record_version(record.record_id)):
        return False
    projection.save_record(record)
    return True
