"""In-memory stand-ins for the ports (unit tests only)."""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

from identity.domain.audit import AuditEntry
from identity.domain.errors import AccountAlreadyExists, IdentityProviderUnavailable
from identity.domain.identity_check import PopulationRecord
from identity.domain.model import Account, NewAccount


class FakeAccounts:
    def __init__(self, *accounts: Account) -> None:
        self.by_name = {a.username: a for a in accounts}
        self.passwords: dict[str, tuple[str, bool]] = {}
        self.sessions_ended: list[str] = []
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise IdentityProviderUnavailable()

    def find(self, username: str) -> Account | None:
        self._check()
        return self.by_name.get(username)

    def create(self, account: NewAccount) -> Account:
        self._check()
        if account.username in self.by_name:
            raise AccountAlreadyExists(account.username)
        created = Account(
            user_id=f"id-{account.username}",
            username=account.username,
            first_name=account.first_name,
            last_name=account.last_name,
            email=account.email,
            unit_code=account.unit_code,
            catalog_version=account.catalog_version,
            roles=account.roles,
        )
        self.by_name[account.username] = created
        self.passwords[created.user_id] = (account.password, account.temporary_password)
        return created

    def _by_id(self, user_id: str) -> Account:
        return next(a for a in self.by_name.values() if a.user_id == user_id)

    def set_enabled(self, user_id: str, enabled: bool) -> None:
        self._check()
        a = self._by_id(user_id)
        self.by_name[a.username] = Account(
            a.user_id, a.username, a.first_name, a.last_name, a.email, a.unit_code,
            a.catalog_version, a.roles, enabled,
        )  # fmt: skip

    def set_password(self, user_id: str, password: str, temporary: bool) -> None:
        self._check()
        self.passwords[user_id] = (password, temporary)

    def end_sessions(self, user_id: str) -> None:
        self.sessions_ended.append(user_id)

    def disabled_user_ids(self) -> set[str]:
        return {a.user_id for a in self.by_name.values() if not a.enabled}


class FakeDisabled:
    def __init__(self) -> None:
        self.ids: set[str] = set()

    def mark(self, user_id: str) -> None:
        self.ids.add(user_id)

    def clear(self, user_id: str) -> None:
        self.ids.discard(user_id)

    def replace_all(self, user_ids: Iterable[str]) -> None:
        self.ids = set(user_ids)


class FakePopulation:
    def __init__(self, *records: PopulationRecord) -> None:
        self.records = {r.national_id: r for r in records}
        self.lookups: list[str] = []

    def lookup(self, national_id: str) -> PopulationRecord | None:
        self.lookups.append(national_id)
        return self.records.get(national_id)


class FakeAuditRepository:
    def __init__(self, store: dict[str, AuditEntry]) -> None:
        self.store = store

    def add(self, entry: AuditEntry) -> None:
        self.store[entry.id] = entry

    def get(self, entry_id: str) -> AuditEntry | None:
        return self.store.get(entry_id)

    def list_recent(self, limit: int = 50) -> list[AuditEntry]:
        return list(self.store.values())[-limit:]


class FakeUnitOfWork:
    def __init__(self, store: dict[str, AuditEntry]) -> None:
        self._audit = FakeAuditRepository(store)
        self.committed = False

    @property
    def audit(self) -> FakeAuditRepository:
        return self._audit

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

    def commit(self) -> None:
        self.committed = True
