"""The unit of work of the identity service: a transaction on the audit database."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol

from identity.domain.audit import AuditEntry


class AuditRepository(Protocol):
    def add(self, entry: AuditEntry) -> None: ...

    def get(self, entry_id: str) -> AuditEntry | None: ...

    def list_recent(self, limit: int = 50) -> list[AuditEntry]: ...


class AuditUnitOfWork(Protocol):
    """A transaction on the audit database; rolls back unless ``commit`` was called."""

    @property
    def audit(self) -> AuditRepository: ...

    def __enter__(self) -> AuditUnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...
