"""What the channel, export and results use cases need from storage (ADR 0020)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.corrections import CorrectedLine, Correction, ListFacts
from payment.domain.events import Event
from payment.domain.export_sheet import ExportRow
from payment.domain.months import Month
from payment.domain.results import Outcome, PaymentResult
from payment.domain.rules.suspension import Collection, SuspensionProposal


@dataclass(frozen=True, slots=True)
class ListHeader:
    list_id: str
    province_code: str
    commune_code: str
    month: Month
    state: str


@dataclass(frozen=True, slots=True)
class ChannelLine:
    """A line of a list with the channel it was exported through."""

    line_id: str
    record_id: str
    national_id: str
    month_for: Month
    amount: int
    channel_code: str


class SettlementStore(Protocol):
    """One shard transaction: reads and writes of channels, exports, results; events."""

    province_code: str

    def list_header(self, list_id: str) -> ListHeader | None: ...
    def channel_history(self, national_id: str) -> list[ChannelAssignment]: ...
    def add_channel(self, assignment: ChannelAssignment, by: str) -> None: ...
    def assign_line_channels(self, header: ListHeader) -> None: ...
    def export_rows(self, list_id: str) -> list[ExportRow]: ...
    def mark_exported(self, list_id: str) -> None: ...
    def record_export(
        self, list_id: str, channel: str, fmt: str, rows: int, total: int, checksum: str, by: str
    ) -> bool:
        """False when this file (list, channel, format, checksum) was recorded already."""
        ...

    def channel_lines(self, list_id: str, channel_code: str) -> dict[str, ChannelLine]: ...
    def outcomes(self, list_id: str) -> dict[str, Outcome]: ...
    def save_results(
        self,
        header: ListHeader,
        results: Sequence[tuple[PaymentResult, ChannelLine]],
        import_id: str,
        by: str,
    ) -> None: ...  # fmt: skip
    def carry_over(self, header: ListHeader, line: ChannelLine, reason: str) -> None: ...
    def reconcile_lines(self, list_id: str) -> list[tuple[str, int, str]]: ...
    def collections(self, record_ids: Iterable[str]) -> Mapping[str, dict[Month, Collection]]: ...
    def add_proposal(self, header: ListHeader, proposal: SuspensionProposal) -> bool: ...
    def corrected_line(self, line_id: str) -> CorrectedLine | None: ...
    def list_facts(self, header: ListHeader) -> ListFacts: ...
    def add_adjustment(self, header: ListHeader, correction: Correction, by: str) -> bool: ...
    def publish(self, event: Event) -> None: ...
    def commit(self) -> None: ...
