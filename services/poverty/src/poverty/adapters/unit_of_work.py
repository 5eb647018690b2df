"""Unit of work on one province shard: households and their events in the outbox."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter
from poverty.adapters.outbox import write_outbox
from poverty.adapters.repository import SqlHouseholdRepository, SqlReviewRepository
from poverty.domain.events import Event
from poverty.service_layer.unit_of_work import AbstractUnitOfWork


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    households: SqlHouseholdRepository
    reviews: SqlReviewRepository

    def __init__(self, router: ShardRouter, province_code: str, *, topic: str) -> None:
        super().__init__()
        self.province_code = province_code
        self._router = router
        self._topic = topic

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        shard = self._router.shard_for(self.province_code)
        self.session: Session = self._router.session_factory(shard)()
        self.households = SqlHouseholdRepository(self.session)
        self.reviews = SqlReviewRepository(self.session)
        return self

    def __exit__(self, *args: object) -> None:
        try:
            super().__exit__(*args)
        finally:
            self.session.close()

    def _commit(self, events: list[Event]) -> None:
        write_outbox(self.session, self._topic, self.province_code, events)
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def uow_factory(router: ShardRouter, topic: str) -> Callable[[str], SqlAlchemyUnitOfWork]:
    """Province code → unit of work on its shard."""
    return lambda province_code: SqlAlchemyUnitOfWork(router, province_code, topic=topic)
