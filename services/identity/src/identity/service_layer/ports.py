"""What the use cases need from the outside world (implemented in ``adapters``, faked in tests)."""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import Protocol

from identity.domain.audit import AuditEntry
from identity.domain.identity_check import PopulationRecord
from identity.domain.model import Account, NewAccount


class AccountDirectory(Protocol):
    """Accounts in the identity provider (Keycloak)."""

    def find(self, username: str) -> Account | None: ...

    def create(self, account: NewAccount) -> Account: ...

    def set_enabled(self, user_id: str, enabled: bool) -> None: ...

    def set_password(self, user_id: str, password: str, temporary: bool) -> None: ...

    def end_sessions(self, user_id: str) -> None: ...

    def disabled_user_ids(self) -> set[str]: ...


class DisabledAccounts(Protocol):
    """The shared list of disabled accounts the gateway checks on every request."""

    def mark(self, user_id: str) -> None: ...

    def clear(self, user_id: str) -> None: ...

    def replace_all(self, user_ids: Iterable[str]) -> None: ...


class PopulationDatabase(Protocol):
    """The national population database (CSDL quốc gia về dân cư)."""

    def lookup(self, national_id: str) -> PopulationRecord | None: ...


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
