"""The ports the reporting use cases need (implemented in ``reporting.adapters``)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from reporting.domain.budget import BudgetReport, ListRow, ResultRow
from reporting.domain.model import BeneficiaryRow, ChangeRow
from reporting.domain.poverty import PovertyReport, PovertyStatusRow
from reporting.domain.procedures import DossierStep, DossierSummary, ProceduresReport
from reporting.domain.reports import BeneficiariesReport, QualityReport, UnitQuality, UnitScope


class ReadModelWriter(Protocol):
    def upsert_beneficiary(self, row: BeneficiaryRow) -> None: ...

    def add_change(self, row: ChangeRow) -> None: ...


class PovertyWriter(Protocol):
    def add_status(self, row: PovertyStatusRow) -> None: ...


class ProcedureWriter(Protocol):
    def add_step(self, step: DossierStep) -> None: ...

    def steps_of(self, first: DossierStep) -> list[DossierStep]: ...

    def put_dossier(self, summary: DossierSummary) -> None: ...


class BudgetWriter(Protocol):
    def put_list(self, row: ListRow) -> None: ...

    def add_result(self, row: ResultRow) -> None: ...


class MoreReportReads(Protocol):
    """The reports of ADR 0029 (poverty, procedures, budget)."""

    def budget(self, scope: UnitScope, month: date) -> BudgetReport: ...

    def poverty(self, scope: UnitScope, month: date) -> PovertyReport: ...

    def procedures(self, scope: UnitScope, month: date, child_level: str) -> ProceduresReport: ...


class QualitySnapshotStore(Protocol):
    def save(self, month: date, level: str, report: QualityReport) -> None: ...

    def units_by_month(
        self, level: str, parent: str, since: date
    ) -> dict[date, list[UnitQuality]]: ...


class ReportReads(Protocol):
    def beneficiaries(self, scope: UnitScope, month: date) -> BeneficiariesReport: ...

    def quality(self, scope: UnitScope, child_level: str) -> QualityReport: ...

    def record_counts(self) -> dict[tuple[str, str], int]: ...


class OwnerCounts(Protocol):
    """The owning service's counts (the registry's ``CountBeneficiaries``)."""

    def beneficiary_counts(self, province_code: str) -> tuple[str, dict[str, int]]:
        """(shard, records of the province per status)."""
        ...


class SourceCounts(Protocol):
    """An owning service's ``CountForReconciliation`` (poverty, dossier, payment; ADR 0035)."""

    def counts(self, province_code: str) -> tuple[str, dict[str, int]]:
        """(shard, facts of the province per key)."""
        ...


class ReadModelCounts(Protocol):
    """The same keys counted in the read models built from that service's events."""

    def counts(self, source: str, province_code: str) -> dict[str, int]: ...
