"""The registry's answer to a signed decision, recorded on the dossier: the beneficiary
record it made, or its refusal in Vietnamese (shown to officers and the applicant)."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.service_layer.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryOutcome:
    dossier_id: str
    dossier_province_code: str
    record_id: str | None
    refusal: str | None


def record_registry_outcome(outcome: RegistryOutcome, uow: UnitOfWorkFactory) -> bool:
    """False when no such dossier is on this shard (nothing to record)."""
    with uow(outcome.dossier_province_code) as unit:
        if unit.dossiers.get(outcome.dossier_id) is None:
            return False
        unit.dossiers.record_registry_outcome(
            outcome.dossier_id, outcome.record_id, outcome.refusal
        )
        unit.commit()
    return True
