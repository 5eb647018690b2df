"""SQLAlchemy audit repository and the unit of work around it."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from identity.adapters.orm import account_audit
from identity.domain.audit import Actor, AuditEntry, Outcome
from identity.domain.model import AccountAction

_FINAL = ("finished_at", "outcome", "reason_code", "reason", "target_user_id", "details")


def _storable(value: Any) -> Any:
    """PostgreSQL stores no NUL in text or JSON; other controls are kept out of the audit too
    (shown as U+FFFD), so that a refused attempt with such input is still recorded."""
    if isinstance(value, str):
        return "".join("\ufffd" if ord(c) < 32 and c not in "\t\n" else c for c in value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    return value


def _row(entry: AuditEntry) -> dict[str, Any]:
    return {key: _storable(value) for key, value in _raw_row(entry).items()}


def _raw_row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "finished_at": entry.finished_at,
        "actor_subject": entry.actor.subject,
        "actor_username": entry.actor.username,
        "actor_unit": entry.actor.unit_code,
        "actor_roles": list(entry.actor.roles),
        "client_address": entry.actor.client_address,
        "action": entry.action.value,
        "target_username": entry.target_username,
        "target_user_id": entry.target_user_id,
        "target_unit": entry.target_unit,
        "catalog_version": entry.catalog_version,
        "outcome": entry.outcome.value,
        "reason_code": entry.reason_code,
        "reason": entry.reason,
        "details": entry.details,
    }


def _entry(row: sa.Row[Any]) -> AuditEntry:
    m = row._mapping
    return AuditEntry(
        id=str(m["id"]),
        at=m["at"],
        actor=Actor(
            subject=m["actor_subject"],
            username=m["actor_username"],
            unit_code=m["actor_unit"],
            roles=tuple(m["actor_roles"]),
            client_address=m["client_address"],
        ),
        action=AccountAction(m["action"]),
        target_username=m["target_username"],
        target_unit=m["target_unit"],
        catalog_version=m["catalog_version"],
        outcome=Outcome(m["outcome"]),
        target_user_id=m["target_user_id"],
        reason_code=m["reason_code"],
        reason=m["reason"],
        finished_at=m["finished_at"],
        details=m["details"],
    )


class SqlAuditRepository:
    """Append-only in spirit: an entry is inserted once and only its outcome is updated."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: AuditEntry) -> None:
        row = _row(entry)
        stmt = insert(account_audit).values(row)
        stmt = stmt.on_conflict_do_update(
            index_elements=[account_audit.c.id], set_={k: row[k] for k in _FINAL}
        )
        self._session.execute(stmt)

    def get(self, entry_id: str) -> AuditEntry | None:
        row = self._session.execute(
            sa.select(account_audit).where(account_audit.c.id == entry_id)
        ).first()
        return _entry(row) if row else None

    def list_recent(self, limit: int = 50) -> list[AuditEntry]:
        rows = self._session.execute(
            sa.select(account_audit).order_by(account_audit.c.at.desc()).limit(limit)
        )
        return [_entry(r) for r in rows]

    def for_target(self, username: str) -> list[AuditEntry]:
        rows = self._session.execute(
            sa.select(account_audit)
            .where(account_audit.c.target_username == username)
            .order_by(account_audit.c.at)
        )
        return [_entry(r) for r in rows]


class SqlAuditUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    @property
    def audit(self) -> SqlAuditRepository:
        return self._audit

    def __enter__(self) -> SqlAuditUnitOfWork:
        self._session = self._factory()
        self._audit = SqlAuditRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._session.rollback()
        self._session.close()

    def commit(self) -> None:
        self._session.commit()
