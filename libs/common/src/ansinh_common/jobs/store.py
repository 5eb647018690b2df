"""Jobs in the owning service's database (SQLAlchemy Core; one short transaction per step)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from ansinh_common.errors import DomainError, Unavailable, to_problem_json
from ansinh_common.jobs.model import JobFile, JobOutcome, Progress
from ansinh_common.jobs.tables import job_tables

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
UNFINISHED = (QUEUED, RUNNING)
MSG_INTERRUPTED = (
    "Công việc bị gián đoạn do dịch vụ khởi động lại; không có thay đổi nào được ghi dở dang. "
    "Hãy chạy lại."
)


@dataclass(frozen=True)
class FileInfo:
    name: str
    content_type: str
    file_name: str
    size: int


@dataclass(frozen=True)
class JobRecord:
    """A job as stored."""

    job_id: str
    kind: str
    owner_subject: str
    state: str
    progress: Progress
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    error: dict[str, Any] | None
    result_type: str | None
    files: tuple[FileInfo, ...]


class SqlJobStore:
    """The ``jobs``/``job_files`` tables of one database (usually the service's global one)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.t = job_tables()

    def create(self, kind: str, owner_subject: str) -> str:
        job_id = uuid.uuid4()
        with self.engine.begin() as conn:
            conn.execute(
                insert(self.t.jobs).values(
                    id=job_id, kind=kind, owner_subject=owner_subject, state=QUEUED
                )
            )
        return str(job_id)

    def report(self, job_id: str, progress: Progress) -> None:
        self._update(
            job_id, state=RUNNING, phase=progress.phase, done=progress.done,
            total=progress.total, percent=progress.percent, unit=progress.unit,
        )  # fmt: skip

    def succeed(self, job_id: str, outcome: JobOutcome) -> None:
        result = outcome.result
        with self.engine.begin() as conn:
            for f in outcome.files:
                conn.execute(
                    insert(self.t.files).values(
                        job_id=uuid.UUID(job_id), name=f.name, content_type=f.content_type,
                        file_name=f.file_name, content=f.content,
                    )
                )  # fmt: skip
            conn.execute(
                update(self.t.jobs)
                .where(self.t.jobs.c.id == uuid.UUID(job_id))
                .values(
                    state=SUCCEEDED, percent=100, result=result.SerializeToString(),
                    result_type=result.DESCRIPTOR.full_name, updated_at=func.now(),
                    finished_at=func.now(),
                )
            )  # fmt: skip

    def fail(self, job_id: str, err: DomainError) -> None:
        error = json.dumps(to_problem_json(err), ensure_ascii=False).encode()
        self._update(job_id, state=FAILED, error=error, finished_at=func.now())

    def touch(self, job_ids: list[str]) -> None:
        """Heartbeat: these jobs are still being worked on (``updated_at`` = now)."""
        if job_ids:
            with self.engine.begin() as conn:
                conn.execute(
                    update(self.t.jobs)
                    .where(self.t.jobs.c.id.in_([uuid.UUID(j) for j in job_ids]))
                    .where(self.t.jobs.c.state.in_(UNFINISHED))
                    .values(updated_at=func.now())
                )

    def fail_interrupted(self, stale_seconds: float = 0) -> int:
        """Mark failed every unfinished job not updated for ``stale_seconds``: its runner
        stopped (a restart, a crashed replica). Runners heartbeat far more often."""
        error = json.dumps(to_problem_json(Unavailable(MSG_INTERRUPTED)), ensure_ascii=False)
        stale_before = func.now() - timedelta(seconds=stale_seconds)
        with self.engine.begin() as conn:
            result = conn.execute(
                update(self.t.jobs)
                .where(self.t.jobs.c.state.in_(UNFINISHED))
                .where(self.t.jobs.c.updated_at <= stale_before)
                .values(state=FAILED, error=error.encode(), updated_at=func.now(),
                        finished_at=func.now())
            )  # fmt: skip
            return int(result.rowcount)

    def get(self, job_id: str) -> JobRecord | None:
        key = _uuid(job_id)
        if key is None:
            return None
        j, f = self.t.jobs, self.t.files
        with self.engine.connect() as conn:
            row = conn.execute(select(j).where(j.c.id == key)).mappings().first()
            if row is None:
                return None
            files = conn.execute(
                select(f.c.name, f.c.content_type, f.c.file_name, func.length(f.c.content))
                .where(f.c.job_id == key)
                .order_by(f.c.name)
            ).all()
        return JobRecord(
            job_id=str(row["id"]), kind=row["kind"], owner_subject=row["owner_subject"],
            state=row["state"],
            progress=Progress(row["phase"], row["done"], row["total"], row["percent"], row["unit"]),
            created_at=row["created_at"], updated_at=row["updated_at"],
            finished_at=row["finished_at"],
            error=json.loads(row["error"]) if row["error"] else None,
            result_type=row["result_type"],
            files=tuple(FileInfo(n, ct, fn, int(size)) for n, ct, fn, size in files),
        )  # fmt: skip

    def result(self, job_id: str) -> bytes | None:
        j = self.t.jobs
        with self.engine.connect() as conn:
            value = conn.execute(select(j.c.result).where(j.c.id == uuid.UUID(job_id))).scalar()
        return bytes(value) if value is not None else None

    def file(self, job_id: str, name: str) -> JobFile | None:
        f = self.t.files
        key = _uuid(job_id)
        if key is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(f).where(f.c.job_id == key, f.c.name == name)
            ).mappings().first()  # fmt: skip
        if row is None:
            return None
        return JobFile(row["name"], bytes(row["content"]), row["content_type"], row["file_name"])

    def _update(self, job_id: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(self.t.jobs)
                .where(self.t.jobs.c.id == uuid.UUID(job_id))
                .values(updated_at=func.now(), **values)
            )


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
