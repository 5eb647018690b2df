"""Dossiers on one shard: the ``dossiers`` row (queue columns + JSON state), the audit trail,
the pause intervals and the outbox rows of their new events, all in the caller's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ansinh_common.errors import AlreadyExists
from ansinh_common.messaging import add_many_to_outbox
from dossier.adapters import codec
from dossier.adapters.messages import current_unit, outbox_rows
from dossier.adapters.orm import (
    dossier_attachments,
    dossier_code_counters,
    dossier_history,
    dossier_pauses,
    dossiers,
)
from dossier.domain import events as ev
from dossier.domain.clock import local_date
from dossier.domain.dossier import Dossier
from dossier.domain.errors import ActionOutOfOrder
from dossier.domain.posting import is_hiv_related
from dossier.domain.procedures.catalog import ProcedureCatalog
from dossier.domain.stages import FINISHED, TERMINAL, Stage
from dossier.service_layer.ports import StoredFile

_DONE = [s.value for s in TERMINAL | FINISHED]


class SqlDossierRepository:
    def __init__(self, session: Session, catalog: ProcedureCatalog) -> None:
        self.session = session
        self.catalog = catalog
        self.seen: dict[str, Dossier] = {}
        self._new: set[str] = set()
        self._loaded_version: dict[str, int] = {}
        self._provincial: dict[str, str | None] = {}

    def add(self, dossier: Dossier, *, provincial_code: str | None = None) -> None:
        self.seen[dossier.id] = dossier
        self._new.add(dossier.id)
        self._loaded_version[dossier.id] = 0
        self._provincial[dossier.id] = provincial_code

    def _load(self, row: sa.Row[tuple[object, ...]] | None) -> Dossier | None:
        if row is None:
            return None
        dossier = codec.from_row(row, self.catalog)
        self.seen[dossier.id] = dossier
        self._loaded_version[dossier.id] = dossier.version
        self._provincial[dossier.id] = row.provincial_code
        return dossier

    def get(self, dossier_id: str) -> Dossier | None:
        if dossier_id in self.seen:
            return self.seen[dossier_id]
        stmt = sa.select(dossiers).where(dossiers.c.id == dossier_id).with_for_update()
        return self._load(self.session.execute(stmt).first())

    def by_provincial_code(self, province_code: str, provincial_code: str) -> Dossier | None:
        stmt = sa.select(dossiers).where(
            dossiers.c.province_code == province_code,
            dossiers.c.provincial_code == provincial_code,
        )
        return self._load(self.session.execute(stmt.with_for_update()).first())

    def provincial_code(self, dossier_id: str) -> str | None:
        return self._provincial.get(dossier_id)

    def handled_by(self, unit_code: str, limit: int = 500) -> list[Dossier]:
        stmt = (
            sa.select(dossiers)
            .where(dossiers.c.unit_code == unit_code)
            .where(dossiers.c.stage.notin_(_DONE))
            .order_by(dossiers.c.due_on.asc().nulls_last(), dossiers.c.code)
            .limit(limit)
        )
        return [d for row in self.session.execute(stmt) if (d := self._load(row)) is not None]

    def of_applicant(self, national_id: str | None, subject: str, limit: int) -> list[Dossier]:
        link = dossiers.c.submitted_by == subject
        if national_id:
            link = sa.or_(dossiers.c.applicant_national_id == national_id, link)
        stmt = (
            sa.select(dossiers)
            .where(link)
            .order_by(dossiers.c.submitted_at.desc(), dossiers.c.id.desc())
            .limit(limit)
        )
        return [d for row in self.session.execute(stmt) if (d := self._load(row)) is not None]

    def posted_in(self, commune_code: str) -> list[Dossier]:
        stmt = sa.select(dossiers).where(
            dossiers.c.commune_code == commune_code,
            dossiers.c.stage == Stage.POSTED.value,
            dossiers.c.hiv_related.is_(False),
        )
        return [d for row in self.session.execute(stmt) if (d := self._load(row)) is not None]

    def add_attachment(
        self,
        *,
        dossier_id: str,
        attachment_id: str,
        document_id: str,
        filename: str,
        content_type: str,
        stored: StoredFile,
        uploaded_by: str,
        at: dt.datetime,
        origin: str,
    ) -> None:
        self.session.execute(
            sa.insert(dossier_attachments).values(
                id=attachment_id,
                dossier_id=dossier_id,
                document_id=document_id,
                filename=filename,
                content_type=content_type,
                size_bytes=stored.size_bytes,
                sha256=stored.sha256,
                storage_key=stored.key,
                uploaded_by=uploaded_by,
                uploaded_at=at,
                client_address=origin,
            )
        )

    def registry_outcome(self, dossier_id: str) -> tuple[str | None, str | None]:
        stmt = sa.select(dossiers.c.registry_record_id, dossiers.c.registry_refusal).where(
            dossiers.c.id == dossier_id
        )
        row = self.session.execute(stmt).first()
        return (row[0], row[1]) if row else (None, None)

    def record_registry_outcome(
        self, dossier_id: str, record_id: str | None, refusal: str | None
    ) -> None:
        self.session.execute(
            sa.update(dossiers)
            .where(dossiers.c.id == dossier_id)
            .values(registry_record_id=record_id, registry_refusal=refusal)
        )

    # --- writing ----------------------------------------------------------------------------

    def save(self, changed: Iterable[Dossier], topic: str) -> None:
        for dossier in changed:
            self._save_one(dossier, topic)

    def _columns(self, d: Dossier, now: dt.datetime) -> dict[str, object]:
        today = local_date(now)
        return {
            "stage": d.stage.value,
            "unit_code": current_unit(d),
            "received_on": d.received_on,
            "due_on": d.due_on(today),
            "version": d.version,
            "state": codec.to_document(d),
            "updated_at": now,
        }

    def _save_one(self, d: Dossier, topic: str) -> None:
        new_events = list(d.events)
        entries = d.history[len(d.history) - len(new_events) :]
        now = new_events[-1].occurred_at
        columns = self._columns(d, now)
        if d.id in self._new:
            procedure = self.catalog.get(d.procedure_id, d.procedure_version)
            insert = sa.insert(dossiers).values(
                id=d.id,
                code=str(d.code),
                provincial_code=self._provincial.get(d.id),
                procedure_id=d.procedure_id,
                procedure_version=d.procedure_version,
                procedure_code=d.procedure_code,
                purpose_id=d.purpose_id,
                form_id=d.form_id,
                province_code=d.province_code,
                commune_code=d.commune_code,
                destination_commune_code=d.destination_commune_code,
                channel=int(d.channel),
                applicant_national_id=d.applicant_national_id,
                submitted_by=d.submitted_by,
                submitted_at=d.submitted_at,
                hiv_related=is_hiv_related(d, procedure.forms[d.form_id]),
                **columns,
            )
            try:
                with self.session.begin_nested():
                    self.session.execute(insert)
            except IntegrityError as exc:
                if "provincial_code" in str(exc.orig):
                    raise AlreadyExists(
                        f"Hồ sơ mã {self._provincial.get(d.id)} của tỉnh đã được tiếp nhận."
                    ) from None
                raise
            self._new.discard(d.id)
        else:
            result = self.session.execute(
                sa.update(dossiers)
                .where(dossiers.c.id == d.id, dossiers.c.version == self._loaded_version[d.id])
                .values(**columns)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise ActionOutOfOrder(
                    f"Hồ sơ {d.code} vừa được người khác cập nhật; hãy tải lại và thử lại."
                )
        self._loaded_version[d.id] = d.version
        self.session.execute(
            sa.insert(dossier_history),
            [
                {
                    "dossier_id": d.id,
                    "version": e.version,
                    "at": e.occurred_at,
                    "action": e.action.value,
                    "from_stage": e.from_stage.value if e.from_stage else None,
                    "to_stage": e.to_stage.value,
                    "actor_subject": e.actor_subject,
                    "actor_username": h.actor,
                    "actor_unit_code": e.actor_unit,
                    "client_address": e.origin,
                    "note": e.note,
                }
                for e, h in zip(new_events, entries, strict=True)
            ],
        )
        self._record_pauses(d, new_events)
        add_many_to_outbox(
            self.session, outbox_rows(topic, d, self._provincial.get(d.id), new_events, entries)
        )

    def _record_pauses(self, d: Dossier, new_events: list[ev.StatusChanged]) -> None:
        for e in new_events:
            day = local_date(e.occurred_at)
            if isinstance(e, ev.DocumentsRequested):
                step = d.runs[-1].planned.step.id if d.runs else ""
                self.session.execute(
                    sa.insert(dossier_pauses).values(
                        dossier_id=d.id,
                        step_id=step,
                        paused_on=day,
                        documents=list(e.documents),
                        reason=e.reason,
                    )
                )
            elif isinstance(e, ev.DocumentsSupplemented | ev.DossierWithdrawn):
                self.session.execute(
                    sa.update(dossier_pauses)
                    .where(
                        dossier_pauses.c.dossier_id == d.id, dossier_pauses.c.resumed_on.is_(None)
                    )
                    .values(resumed_on=day)
                )


class SqlCodeCounter:
    """``<agency>-YYMMDD-XXXX``: one counter row per agency and day, incremented atomically."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def next_sequence(self, agency_code: str, day: dt.date) -> int:
        table = dossier_code_counters
        stmt = (
            sa.dialects.postgresql.insert(table)
            .values(agency_code=agency_code, day=day, last_sequence=1)
            .on_conflict_do_update(
                index_elements=[table.c.agency_code, table.c.day],
                set_={"last_sequence": table.c.last_sequence + 1},
            )
            .returning(table.c.last_sequence)
        )
        return int(self.session.execute(stmt).scalar_one())
