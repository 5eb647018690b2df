"""Hooks run after the worker's outer transaction (real PostgreSQL session and savepoints).

Issue 10: removing a listener while SQLAlchemy ran the commit hooks made every event's first
attempt fail ("deque mutated during iteration", then a rollback of a committed session), and a
transaction with two hooks skipped the second.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from registry.adapters.unit_of_work import after_outer_transaction

pytestmark = pytest.mark.integration


@pytest.fixture
def session(make_database: Callable[..., str]) -> Session:
    engine = sa.create_engine(make_database("hooks"), poolclass=NullPool)
    return Session(engine)


def _record(calls: list[str], name: str) -> Callable[[], None]:
    return lambda: calls.append(name)


def test_every_hook_runs_once_after_the_commit_and_the_commit_succeeds(session: Session) -> None:
    calls: list[str] = []
    with session:
        session.execute(sa.text("SELECT 1"))
        for name in ("first", "second", "third"):
            savepoint = session.begin_nested()
            after_outer_transaction(
                session, on_commit=_record(calls, name), on_rollback=_record(calls, "rolled back")
            )
            savepoint.commit()
        assert calls == []
        session.commit()
        assert calls == ["first", "second", "third"]
        session.execute(sa.text("SELECT 1"))  # a next transaction in the same session
        after_outer_transaction(
            session, on_commit=_record(calls, "next"), on_rollback=_record(calls, "rolled back")
        )
        session.commit()
    assert calls == ["first", "second", "third", "next"]


def test_a_savepoint_rollback_is_not_the_end_and_an_outer_rollback_runs_the_rollback_hooks(
    session: Session,
) -> None:
    calls: list[str] = []
    with session:
        session.execute(sa.text("SELECT 1"))
        after_outer_transaction(
            session, on_commit=_record(calls, "c1"), on_rollback=_record(calls, "r1")
        )
        session.begin_nested().rollback()
        assert calls == []
        after_outer_transaction(
            session, on_commit=_record(calls, "c2"), on_rollback=_record(calls, "r2")
        )
        session.rollback()
        assert calls == ["r1", "r2"]
        session.commit()  # nothing left to run
    assert calls == ["r1", "r2"]


def test_a_failing_hook_does_not_fail_the_commit_nor_skip_the_next_hook(session: Session) -> None:
    calls: list[str] = []

    def boom() -> None:
        raise RuntimeError("index unreachable")

    with session:
        session.execute(sa.text("SELECT 1"))
        after_outer_transaction(session, on_commit=boom, on_rollback=_record(calls, "r"))
        after_outer_transaction(
            session, on_commit=_record(calls, "after"), on_rollback=_record(calls, "r")
        )
        session.commit()
    assert calls == ["after"]
