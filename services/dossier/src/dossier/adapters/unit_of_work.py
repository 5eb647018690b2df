"""Unit of work on one province shard: dossiers, their audit trail and the outbox together.

Opened on its own (gRPC use cases: a new session, committed by ``commit()``), or inside a
transaction someone else commits (the worker, whose inbox row commits with the effect):
``session=`` — the unit then works in a SAVEPOINT.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, SessionTransaction

from ansinh_common.db import ShardRouter
from dossier.adapters.repository import SqlCodeCounter, SqlDossierRepository
from dossier.domain.dossier import Dossier
from dossier.domain.procedures.catalog import ProcedureCatalog
from dossier.service_layer.unit_of_work import AbstractUnitOfWork


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    dossiers: SqlDossierRepository
    codes: SqlCodeCounter

    def __init__(
        self,
        router: ShardRouter,
        province_code: str,
        *,
        topic: str,
        catalog: ProcedureCatalog,
        session: Session | None = None,
    ) -> None:
        self.province_code = province_code
        self._router = router
        self._topic = topic
        self._catalog = catalog
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
        self.dossiers = SqlDossierRepository(self.session, self._catalog)
        self.codes = SqlCodeCounter(self.session)
        self._committed = False
        return self

    def __exit__(self, *args: object) -> None:
        try:
            super().__exit__(*args)
        finally:
            if self._outer is None:
                self.session.close()

    def _save(self, dossiers: list[Dossier]) -> None:
        self.dossiers.save(dossiers, self._topic)

    def _commit(self) -> None:
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
    router: ShardRouter, topic: str, catalog: ProcedureCatalog, session: Session | None = None
) -> Callable[[str], SqlAlchemyUnitOfWork]:
    """Province code → unit of work on its shard (inside ``session`` if given)."""
    return lambda province_code: SqlAlchemyUnitOfWork(
        router, province_code, topic=topic, catalog=catalog, session=session
    )
