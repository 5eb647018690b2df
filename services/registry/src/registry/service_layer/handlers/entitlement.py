"""After a benefit change: which of the person's records are paid (Decree 20/2021 Art. 6.2)."""

from __future__ import annotations

from registry.domain.model import BeneficiaryRecord
from registry.domain.months import Month
from registry.domain.rules.highest_coefficient import PaidSelection, select_paid
from registry.service_layer.unit_of_work import AbstractUnitOfWork


def refresh_entitlement(
    uow: AbstractUnitOfWork, record: BeneficiaryRecord, from_month: Month
) -> PaidSelection | None:
    """Apply Art. 6.2 over the person's active records in this shard (all of them: the
    registration rule keeps a person's active records in one province) and emit
    ``EntitlementChanged`` on ``record``."""
    personal_id = record.personal_id
    if personal_id is None:
        return None
    records = {r.record_id: r for r in uow.records.for_person(personal_id)}
    records[record.record_id] = record
    active = [r.entitlement() for r in records.values() if r.state.active]
    selection = select_paid(active)
    record.note_entitlement(selection, from_month)
    return selection
