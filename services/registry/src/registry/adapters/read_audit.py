"""The read audit in the shard of the record's province (table ``record_reads``, append-only:
a trigger refuses UPDATE, DELETE and TRUNCATE)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter
from registry.domain.read_audit import Reader, ReadKind, RecordRead

_INSERT = text(
    "INSERT INTO record_reads (kind, province, record_id, unit_code, reader_subject, "
    "reader_username, reader_roles, reader_unit_code, client_address, route) VALUES "
    "(:kind, :province, :record_id, :unit_code, :subject, :username, :roles, :reader_unit, "
    ":address, :route)"
)
_SELECT = text(
    "SELECT id, read_at, kind, province, record_id, unit_code, reader_subject, reader_username, "
    "reader_roles, reader_unit_code, client_address, route FROM record_reads "
    "WHERE record_id = :record_id AND id < :before ORDER BY id DESC LIMIT :limit"
)


def append(session: Session, reads: Sequence[RecordRead]) -> None:
    if reads:
        session.execute(_INSERT, [_params(r) for r in reads])


def reads_of(
    session: Session, record_id: str, limit: int, before_id: int | None
) -> list[tuple[int, RecordRead]]:
    """Reads of ``record_id``, newest first, with their ids (for paging)."""
    params = {"record_id": record_id, "before": before_id or 2**63 - 1, "limit": limit}
    return [(row["id"], _read(row)) for row in session.execute(_SELECT, params).mappings()]


def _params(r: RecordRead) -> dict[str, Any]:
    return {
        "kind": r.kind.value,
        "province": r.province_code,
        "record_id": r.record_id,
        "unit_code": r.unit_code,
        "subject": r.reader.subject,
        "username": r.reader.username,
        "roles": list(r.reader.roles),
        "reader_unit": r.reader.unit_code,
        "address": r.client_address,
        "route": r.route,
    }


def _read(row: RowMapping) -> RecordRead:
    reader = Reader(
        row["reader_subject"], row["reader_username"], tuple(row["reader_roles"]),
        row["reader_unit_code"],
    )  # fmt: skip
    return RecordRead(
        ReadKind(row["kind"]), row["province"], row["record_id"], row["unit_code"], reader,
        row["client_address"], row["route"], row["read_at"],
    )  # fmt: skip


class SqlReadAudit:
    """``service_layer.read_audit.ReadAuditLog`` over the shards of a router."""

    def __init__(self, router: ShardRouter) -> None:
        self._router = router

    def append(self, reads: Sequence[RecordRead]) -> None:
        for province in sorted({r.province_code for r in reads}):
            with self._router.session(province) as session:
                append(session, [r for r in reads if r.province_code == province])

    def reads_of(
        self, province_code: str, record_id: str, limit: int, before_id: int | None
    ) -> list[tuple[int, RecordRead]]:
        with self._router.session(province_code) as session:
            return reads_of(session, record_id, limit, before_id)
