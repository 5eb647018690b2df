"""What the use cases need from the outside world (implemented in ``adapters``, faked in tests)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

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


class DisabledListUnavailable(Exception):  # noqa: N818 — named after what happened
    """The shared list of disabled accounts could not be written (the store is down)."""


class DisabledAccounts(Protocol):
    """The shared list of disabled accounts the gateway checks on every request.

    ``mark`` and ``clear`` raise :class:`DisabledListUnavailable` when the store is down.
    """

    def mark(self, user_id: str) -> None: ...

    def clear(self, user_id: str) -> None: ...

    def replace_all(self, user_ids: Iterable[str]) -> None: ...


class PopulationDatabase(Protocol):
    """The national population database (CSDL quốc gia về dân cư)."""

    def lookup(self, national_id: str) -> PopulationRecord | None: ...
