"""The ``jobs`` and ``job_files`` tables, in the database of the service that runs the jobs."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Uuid,
    func,
)

JOBS = "jobs"
JOB_FILES = "job_files"


class JobTables(NamedTuple):
    jobs: Table
    files: Table


def _job_columns() -> list[Column[Any]]:
    return [
        Column("id", Uuid, primary_key=True),
        Column("kind", Text, nullable=False),
        Column("owner_subject", Text, nullable=False),
        Column("state", Text, nullable=False),
        Column("phase", Text, nullable=False, server_default=""),
        Column("done", BigInteger, nullable=False, server_default="0"),
        Column("total", BigInteger, nullable=False, server_default="0"),
        Column("percent", Integer, nullable=False, server_default="0"),
        Column("unit", Text, nullable=False, server_default="rows"),
        Column("result_type", Text, nullable=True),
        Column("result", LargeBinary, nullable=True),
        Column("error", LargeBinary, nullable=True),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("finished_at", DateTime(timezone=True), nullable=True),
    ]


def _file_columns() -> list[Column[Any]]:
    return [
        Column("job_id", Uuid, ForeignKey(f"{JOBS}.id", ondelete="CASCADE"), primary_key=True),
        Column("name", Text, primary_key=True),
        Column("content_type", Text, nullable=False),
        Column("file_name", Text, nullable=False, server_default=""),
        Column("content", LargeBinary, nullable=False),
    ]


@functools.cache
def job_tables() -> JobTables:
    metadata = MetaData()
    return JobTables(
        Table(JOBS, metadata, *_job_columns()), Table(JOB_FILES, metadata, *_file_columns())
    )


def create_job_tables(op: Any) -> None:
    """``op``: the ``alembic.op`` module, inside ``upgrade()``."""
    op.create_table(JOBS, *_job_columns())
    op.create_table(JOB_FILES, *_file_columns())


def drop_job_tables(op: Any) -> None:
    """``op``: the ``alembic.op`` module, inside ``downgrade()``."""
    op.drop_table(JOB_FILES)
    op.drop_table(JOBS)
