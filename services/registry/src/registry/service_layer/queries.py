"""Read use cases: a record as of a date, a person's entitlement for a month, completeness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ansinh_common.auth.principal import Principal
from registry.domain.changes import AnyChange
from registry.domain.data_quality import Completeness, Finding, UnitLevel, completeness, findings
from registry.domain.errors import RecordNotFound
from registry.domain.months import Month
from registry.domain.move import MoveProgress
from registry.domain.rules.highest_coefficient import Entitlement, PaidSelection, select_paid
from registry.domain.state import RecordState
from registry.service_layer.dependencies import Dependencies


@dataclass(frozen=True, slots=True)
class RecordView:
    record_id: str
    province_code: str
    version: int
    as_of: date | None
    state: RecordState
    findings: tuple[Finding, ...]
    history: tuple[AnyChange, ...]  # the changes in force on ``as_of`` (all if None)
    move: MoveProgress | None


def get_record(
    principal: Principal,
    province_code: str,
    record_id: str,
    deps: Dependencies,
    as_of: date | None = None,
) -> RecordView:
    """The record as it stood on ``as_of`` (now if ``None``); ``RecordNotFound`` if it did not
    exist then."""
    with deps.uow(province_code) as uow:
        record = uow.records.get(record_id)
        state = None if record is None else (record.as_of(as_of) if as_of else record.state)
        if record is None or state is None:
            raise RecordNotFound(record_id)
        deps.access.require_read(principal, record.state.person)
        history = tuple(c for c in record.history if as_of is None or c.effective_on <= as_of)
        return RecordView(
            record_id, record.province_code, record.version, as_of, state, findings(state),
            history, record.move,
        )  # fmt: skip


def entitlement_for_month(
    principal: Principal, province_code: str, personal_id: str, month: Month, deps: Dependencies
) -> PaidSelection:
    """Which of the person's records pay for ``month`` (Decree 20/2021 Art. 6.2, Art. 8)."""
    with deps.uow(province_code) as uow:
        records = uow.records.for_person(personal_id)
        if records:
            deps.access.require_read(principal, records[0].state.person)
        paid: list[Entitlement] = []
        for record in records:
            state = record.for_month(month)
            if state is not None and state.paid_in(month):
                paid.append(Entitlement(record.record_id, state.category, state.coefficient))
        return select_paid(paid)


def completeness_report(
    principal: Principal,
    province_code: str,
    level: UnitLevel,
    deps: Dependencies,
    catalog_version: str = "2025",
) -> dict[tuple[str, str], Completeness]:
    """Completeness of the active records of a province, per unit of ``level``."""
    deps.access.require_read_unit(principal, province_code, catalog_version)
    with deps.uow(province_code) as uow:
        states = (r.state for r in uow.records.in_units(province_code))
        return completeness((s for s in states if s.active), level)
