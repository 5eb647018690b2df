"""``rm_provincial_submission`` and ``rm_sync_dossier`` (ADR 0042): the writer (in the inbox's
transaction; every time kept is the earliest, so the topics' order does not matter) and the
gap's reads as of the end of a month."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from reporting.adapters.orm import provincial_submission as ps
from reporting.adapters.orm import sync_dossier as sd
from reporting.domain.provincial_gap import (
    VIETNAM,
    GapCount,
    GapScope,
    PlatformDossier,
    PlatformOnly,
    ProvinceTold,
    ProvincialOnly,
    ProvincialSubmission,
    ProvincialSyncGap,
)


class SqlProvincialSyncWriter:
    def __init__(self, session: Session) -> None:
        self._session = session

    def submitted(self, f: ProvincialSubmission) -> None:
        stmt = insert(ps).values(
            province_code=f.province_code,
            provincial_code=f.provincial_code,
            procedure_code=f.procedure_code,
            submitted_at=f.submitted_at,
        )
        earlier = stmt.excluded.submitted_at < ps.c.submitted_at
        stmt = stmt.on_conflict_do_update(
            index_elements=[ps.c.province_code, ps.c.provincial_code],
            set_={
                "submitted_at": func.least(ps.c.submitted_at, stmt.excluded.submitted_at),
                "procedure_code": func.coalesce(
                    _when(earlier, stmt.excluded.procedure_code), ps.c.procedure_code
                ),
            },
        )
        self._session.execute(stmt)

    def dossier(self, f: PlatformDossier) -> None:
        self._put(
            f.dossier_id,
            f.dossier_code,
            f.province_code,
            f.procedure_code,
            f.provincial_code,
            "created_at",
            f.created_at,
        )

    def told(self, f: ProvinceTold) -> None:
        self._put(
            f.dossier_id,
            f.dossier_code,
            f.province_code,
            f.procedure_code,
            f.provincial_code,
            "told_at",
            f.told_at,
        )

    def _put(
        self,
        dossier_id: str,
        code: str,
        province: str,
        procedure: str,
        provincial: str | None,
        column: str,
        at: datetime,
    ) -> None:
        values: dict[str, Any] = {
            "dossier_id": dossier_id,
            "dossier_code": code,
            "province_code": province,
            "procedure_code": procedure,
            "provincial_code": provincial,
            column: at,
        }
        stmt = insert(sd).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[sd.c.dossier_id],
            set_={
                "provincial_code": func.coalesce(
                    sd.c.provincial_code, stmt.excluded.provincial_code
                ),
                column: func.least(sd.c[column], stmt.excluded[column]),
            },
        )
        self._session.execute(stmt)


def _when(condition: ColumnElement[bool], value: Any) -> Any:
    return case((condition, value), else_=None)


class SqlProvincialGapReads:
    def __init__(self, session_scope: Callable[[], AbstractContextManager[Session]]) -> None:
        self._scope = session_scope

    def gap(self, scope: GapScope) -> ProvincialSyncGap:
        until, provinces = scope.until, list(scope.provinces)
        here = and_(
            sd.c.provincial_code == ps.c.provincial_code,
            sd.c.province_code == ps.c.province_code,
            sd.c.created_at < until,
        )
        only_there = and_(
            ps.c.province_code.in_(provinces), ps.c.submitted_at < until, ~exists().where(here)
        )
        only_here = and_(
            sd.c.province_code.in_(provinces),
            sd.c.created_at < until,
            sd.c.provincial_code.is_(None),
            or_(sd.c.told_at.is_(None), sd.c.told_at >= until),
        )
        with self._scope() as session:
            there_by = _counts(session, ps, only_there)
            here_by = _counts(session, sd, only_here)
            there_rows = (
                session.execute(
                    select(ps)
                    .where(only_there)
                    .order_by(ps.c.submitted_at, ps.c.province_code, ps.c.provincial_code)
                    .offset(scope.offset)
                    .limit(scope.page_size)
                )
                .mappings()
                .all()
            )
            here_rows = (
                session.execute(
                    select(sd)
                    .where(only_here)
                    .order_by(sd.c.created_at, sd.c.dossier_id)
                    .offset(scope.offset)
                    .limit(scope.page_size)
                )
                .mappings()
                .all()
            )
        return ProvincialSyncGap(
            scope,
            by_province=_merge(there_by["province_code"], here_by["province_code"], provinces),
            by_procedure=_merge(there_by["procedure_code"], here_by["procedure_code"], []),
            provincial_only=tuple(
                ProvincialOnly(
                    r["provincial_code"],
                    r["province_code"],
                    r["procedure_code"],
                    r["submitted_at"].astimezone(VIETNAM).date(),
                )
                for r in there_rows
            ),
            platform_only=tuple(
                PlatformOnly(
                    r["dossier_id"],
                    r["dossier_code"],
                    r["province_code"],
                    r["procedure_code"],
                    r["created_at"].astimezone(VIETNAM).date(),
                )
                for r in here_rows
            ),
        )


def _counts(session: Session, table: Any, where: Any) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for key in ("province_code", "procedure_code"):
        rows = session.execute(
            select(table.c[key], func.count()).where(where).group_by(table.c[key])
        ).all()
        found[key] = {str(k): int(n) for k, n in rows}
    return found


def _merge(there: dict[str, int], here: dict[str, int], always: list[str]) -> tuple[GapCount, ...]:
    keys = sorted(set(there) | set(here) | set(always))
    return tuple(GapCount(k, there.get(k, 0), here.get(k, 0)) for k in keys)
