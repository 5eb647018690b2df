"""The protocols the dossier's use cases need (one place that names them all).

Adapters implement them (``dossier.adapters``); unit tests use fakes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from dossier.domain.dossier import Dossier
from dossier.domain.procedures.model import Procedure
from dossier.domain.provincial_inbound import InboundDossier
from dossier.domain.records import PovertyStatusAnswer


class DossierRepository(Protocol):
    """Dossiers of one province shard; ``seen`` are those loaded or added in this unit."""

    seen: dict[str, Dossier]

    def add(self, dossier: Dossier, *, provincial_code: str | None = None) -> None: ...

    def get(self, dossier_id: str) -> Dossier | None:
        """The dossier, locked for the rest of the transaction (actions serialise on it)."""
        ...

    def by_provincial_code(self, province_code: str, provincial_code: str) -> Dossier | None: ...

    def provincial_code(self, dossier_id: str) -> str | None: ...

    def handled_by(self, unit_code: str, limit: int = 500) -> list[Dossier]:
        """Dossiers in progress whose current unit is ``unit_code`` (officers' queues)."""
        ...

    def of_applicant(self, national_id: str | None, subject: str, limit: int) -> list[Dossier]:
        """The newest ``limit`` dossiers of the shard whose applicant is ``national_id`` or
        that ``subject`` submitted, newest first."""
        ...

    def posted_in(self, commune_code: str) -> list[Dossier]:
        """Dossiers of the commune now on the public posting list."""
        ...

    def record_registry_outcome(
        self, dossier_id: str, record_id: str | None, refusal: str | None
    ) -> None: ...

    def add_attachment(
        self,
        *,
        dossier_id: str,
        attachment_id: str,
        document_id: str,
        filename: str,
        content_type: str,
        stored: StoredFile,
        uploaded_by: str,
        at: dt.datetime,
        origin: str,
    ) -> None: ...

    def registry_outcome(self, dossier_id: str) -> tuple[str | None, str | None]:
        """The registry's record id or refusal for the dossier's decision."""
        ...


class CodeCounter(Protocol):
    def next_sequence(self, agency_code: str, day: dt.date) -> int:
        """The next number of the agency's day (1, 2, …), unique under concurrency."""
        ...


@dataclass(frozen=True, slots=True)
class PopulationRecord:
    """A citizen as the national population database holds them."""

    national_id: str
    full_name: str
    birth_date: dt.date
    gender: str


class PopulationDatabase(Protocol):
    """The national population database (CSDL quốc gia về dân cư), or its simulator."""

    def lookup(self, national_id: str) -> PopulationRecord | None: ...


POVERTY_UNAVAILABLE = (
    "Chưa kết nối được hệ thống quản lý hộ nghèo, hộ cận nghèo để xác định diện hộ nghèo "
    "của người đề nghị; chưa ghi nhận bước đối chiếu, vui lòng thử lại sau."
)


class PovertyStatusSource(Protocol):
    """The poverty service's status query (``PovertyService.GetPersonStatus``): is the person's
    household poor or near-poor on ``on``; ``Unavailable`` (503) when it cannot be asked."""

    def status_of(
        self, national_id: str, on: dt.date, province_code: str
    ) -> PovertyStatusAnswer: ...


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str
    sha256: str
    size_bytes: int


class AttachmentStore(Protocol):
    """Where attachments' bytes live (a filesystem by default; S3-compatible optional)."""

    def put(self, content: bytes) -> StoredFile: ...

    def get(self, key: str) -> bytes: ...


Sorted = Sequence[Dossier]


# --- provincial sync (ADR 0018) ---


class ProvincialIntake(Protocol):
    """Creates the dossier of a provincial dossier once per provincial dossier code: the id
    of the dossier, and whether this call created it."""

    def receive_from_province(
        self, dossier: InboundDossier, procedure: Procedure
    ) -> tuple[str, bool]: ...
