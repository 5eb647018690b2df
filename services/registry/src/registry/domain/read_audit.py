"""The read audit: who read one person's data, when, from where and why (Decree 13/2023/NĐ-CP
Art. 27 and 28 — a controller keeps the log of processing of personal data; issue 9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ansinh_common.auth.principal import Principal

LEGAL_BASIS = "Decree 13/2023/NĐ-CP Art. 27, 28 (logging the processing of personal data)"


class ReadKind(StrEnum):
    RECORD = "record"  # one record (as it stands, or as of a date)
    HISTORY = "history"  # its change history
    EXPORT = "export"  # the commune's Excel file (every record of the commune)
    SEARCH = "search"  # a search by the person's personal ID number


@dataclass(frozen=True, slots=True)
class Reader:
    subject: str
    username: str
    roles: tuple[str, ...]
    unit_code: str | None

    @classmethod
    def of(cls, principal: Principal) -> Reader:
        return cls(
            principal.subject, principal.username, tuple(sorted(principal.roles)),
            principal.unit_code,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class RecordRead:
    """One read. ``record_id`` is None for an export (the whole ``unit_code``)."""

    kind: ReadKind
    province_code: str
    record_id: str | None
    unit_code: str | None
    reader: Reader
    client_address: str
    route: str
    read_at: datetime | None = None  # set by the database when written
