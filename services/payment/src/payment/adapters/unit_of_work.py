"""Unit of work on one shard: list headers, province settings, the projection, the outbox.

Opened on its own (gRPC use cases: a new session on the province's shard, committed by
``commit()``) or inside a transaction someone else commits (the Kafka worker, whose inbox row
commits with the effect: ``session=``, the unit then works in a SAVEPOINT).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, SessionTransaction

from ansinh_common.db import ShardRouter
from payment.adapters.entitlements import SqlEntitlements
from payment.adapters.generation import SqlLineGenerator
from payment.adapters.lists import SqlPaymentLists
from payment.adapters.outbox import write_outbox
from payment.adapters.policies import SqlProvincePolicies
from payment.domain.events import Event
from payment.service_layer.unit_of_work import AbstractUnitOfWork


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    lists: SqlPaymentLists
    policies: SqlProvincePolicies

    def __init__(
        self, router: ShardRouter, province_code: str, *, topic: str, session: Session | None = None
    ) -> None:
        super().__init__()
        self.province_code = province_code
        self._router, self._topic, self._outer = router, topic, session
        self._nested: SessionTransaction | None = None
        self._committed = False

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        if self._outer is None:
            shard = self._router.shard_for(self.province_code)
            self.session = self._router.session_factory(shard)()
        else:
            self.session = self._outer
            self._nested = self.session.begin_nested()
        self.lists = SqlPaymentLists(self.session)
        self.policies = SqlProvincePolicies(self.session)
        self.entitlements = SqlEntitlements(self.session)
        self.lines = SqlLineGenerator(self.session, self.lists)
        self._committed = False
        return self

    def __exit__(self, *args: object) -> None:
        try:
            super().__exit__(*args)
        finally:
            if self._outer is None:
                self.session.close()

    def _commit(self, events: list[Event]) -> None:
        self.lists.persist()
        write_outbox(self.session, self._topic, events)
        if self._outer is None:
            self.session.commit()
        else:
            assert self._nested is not None
            self._nested.commit()
        self._committed = True

    def rollback(self) -> None:
        if self._committed:
            return
        if self._outer is None:
            self.session.rollback()
        elif self._nested is not None and self._nested.is_active:
            self._nested.rollback()


def uow_factory(
    router: ShardRouter, topic: str, session: Session | None = None
) -> Callable[[str], SqlAlchemyUnitOfWork]:
    """Province code → unit of work on its shard (inside ``session`` if given)."""
    return lambda province_code: SqlAlchemyUnitOfWork(
        router, province_code, topic=topic, session=session
    )
