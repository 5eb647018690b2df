"""Apply one registry fact to the read models (called inside the inbox's transaction)."""

from __future__ import annotations

from reporting.domain.model import RegistryFact
from reporting.domain.projection import beneficiary_row, change_row
from reporting.service_layer.ports import ReadModelWriter


def project(fact: RegistryFact | None, writer: ReadModelWriter) -> None:
    if fact is None:
        return
    row = beneficiary_row(fact)
    if row is not None:
        writer.upsert_beneficiary(row)
    change = change_row(fact)
    if change is not None:
        writer.add_change(change)
