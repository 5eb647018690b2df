"""Unit of work on one shard: records, their events in the outbox, and the global index.

Two ways to open it:

* on its own (gRPC use cases): a new session on the province's shard, committed by
  ``commit()``, rolled back otherwise;
* inside a transaction someone else commits (the Kafka worker, whose inbox row must commit
  with the effect): ``session=``; the unit then works in a SAVEPOINT, and the global index is
  confirmed or rolled back when that outer transaction ends (session events).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from ansinh_common.db import ShardRouter
from registry.adapters.global_index import SqlGlobalIndex
from registry.adapters.outbox import write_outbox
from registry.adapters.repository import SqlAlchemyRepository
from registry.domain.events import Event
from registry.service_layer.unit_of_work import AbstractUnitOfWork

log = logging.getLogger(__name__)


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    records: SqlAlchemyRepository
    index: SqlGlobalIndex

    def __init__(
        self,
        router: ShardRouter,
        province_code: str,
        *,
        topic: str,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        self.province_code = province_code
        self._router = router
        self._topic = topic
        self._outer = session
        self._nested: SessionTransaction | None = None
        self._committed = False

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        if self._outer is None:
            shard = self._router.shard_for(self.province_code)
            self.session = self._router.session_factory(shard)()
        else:
            self.session = self._outer
            self._nested = self.session.begin_nested()
        self.records = SqlAlchemyRepository(self.session)
        self.index = SqlGlobalIndex(self._router.global_engine())
        self._committed = False
        return self

    def __exit__(self, *args: object) -> None:
        try:
            super().__exit__(*args)
        finally:
            if self._outer is None:
                self.session.close()

    def _write_outbox(self, events: list[Event]) -> None:
        self._events = events

    def _commit(self) -> None:
        self.records.persist()
        write_outbox(self.session, self._topic, self._events)
        if self._outer is None:
            self.session.commit()
            self._committed = True
            self.index.finish()
            return
        assert self._nested is not None
        self._nested.commit()
        self._committed = True
        after_outer_transaction(
            self.session, on_commit=self.index.finish, on_rollback=self.index.abort
        )

    def rollback(self) -> None:
        if self._committed:
            return
        if self._outer is None:
            self.session.rollback()
        elif self._nested is not None and self._nested.is_active:
            self._nested.rollback()
        self.index.abort()


_HOOKS_KEY = "registry.after_outer_transaction"
"""``session.info`` key of the hooks waiting for the outer transaction to end."""


def after_outer_transaction(
    session: Session, *, on_commit: Callable[[], None], on_rollback: Callable[[], None]
) -> None:
    """Run ``on_commit`` after the outer transaction commits, ``on_rollback`` if it rolls
    back (savepoints of later units of work in the same transaction do not count).

    The session gets one pair of listeners for its lifetime; they never add or remove
    listeners while SQLAlchemy iterates over them (that mutated the listener deque during
    the commit and made it fail), and every hook registered runs, in order. A failing hook
    is logged and does not stop the others: what they do (confirm an index claim, check the
    index) is settled again by the reconcile loop.
    """
    hooks: list[tuple[Callable[[], None], Callable[[], None]]] | None = session.info.get(_HOOKS_KEY)
    if hooks is None:
        session.info[_HOOKS_KEY] = hooks = []
        event.listen(session, "after_commit", _run_committed)
        event.listen(session, "after_soft_rollback", _run_rolled_back)
    hooks.append((on_commit, on_rollback))


def _take_hooks(session: Session) -> list[tuple[Callable[[], None], Callable[[], None]]]:
    hooks: list[tuple[Callable[[], None], Callable[[], None]]] = session.info.get(_HOOKS_KEY, [])
    session.info[_HOOKS_KEY] = []
    return hooks


def _run_committed(session: Session) -> None:
    if session.in_nested_transaction():  # SQLAlchemy also says after_commit for a savepoint
        return
    for on_commit, _ in _take_hooks(session):
        _run(on_commit)


def _run_rolled_back(session: Session, previous: SessionTransaction) -> None:
    if previous.nested:
        return
    for _, on_rollback in _take_hooks(session):
        _run(on_rollback)


def _run(hook: Callable[[], None]) -> None:
    try:
        hook()
    except Exception:
        log.exception("after-transaction hook failed")


def uow_factory(
    router: ShardRouter, topic: str, session: Session | None = None
) -> Callable[[str], SqlAlchemyUnitOfWork]:
    """Province code → unit of work on its shard (inside ``session`` if given)."""
    return lambda province_code: SqlAlchemyUnitOfWork(
        router, province_code, topic=topic, session=session
    )
