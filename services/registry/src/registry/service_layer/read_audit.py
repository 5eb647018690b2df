"""Read audit use cases: write one row per read of a person's data; show who read a record.

Reads are written after the read succeeded and before the answer leaves: if the audit cannot
be written, the caller gets an error instead of the data (no unaudited read).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import FieldError, InvalidInput
from registry.domain.read_audit import Reader, ReadKind, RecordRead
from registry.service_layer import queries
from registry.service_layer.dependencies import Dependencies

MAX_PAGE = 500
DEFAULT_PAGE = 50


class ReadAuditLog(Protocol):
    def append(self, reads: Sequence[RecordRead]) -> None: ...

    def reads_of(
        self, province_code: str, record_id: str, limit: int, before_id: int | None
    ) -> list[tuple[int, RecordRead]]: ...


def record_reads(
    log: ReadAuditLog,
    principal: Principal,
    kind: ReadKind,
    targets: Sequence[tuple[str, str | None, str | None]],
    *,
    client_address: str,
    route: str,
) -> None:
    """Audit a read of ``targets`` = (province, record id or None, unit code or None)."""
    reader = Reader.of(principal)
    log.append(
        [
            RecordRead(kind, province, record_id, unit, reader, client_address, route)
            for province, record_id, unit in targets
        ]
    )


def reads_of_record(
    log: ReadAuditLog,
    principal: Principal,
    province_code: str,
    record_id: str,
    deps: Dependencies,
    *,
    page_size: int = 0,
    page_token: str = "",
) -> tuple[list[RecordRead], str]:
    """Who read the record, newest first; whoever may read the record may see this
    (``RecordNotFound`` / ``AccessDenied`` as for reading it). Returns (reads, next token)."""
    queries.get_record(principal, province_code, record_id, deps)  # the access check
    size = DEFAULT_PAGE if page_size <= 0 else min(page_size, MAX_PAGE)
    if page_token and not page_token.isdigit():
        raise InvalidInput(errors=[FieldError("page_token", "Mã trang không hợp lệ.", "format")])
    before = int(page_token) if page_token else None
    rows = log.reads_of(province_code, record_id, size + 1, before)
    more = len(rows) > size
    rows = rows[:size]
    return [r for _, r in rows], (str(rows[-1][0]) if more and rows else "")
