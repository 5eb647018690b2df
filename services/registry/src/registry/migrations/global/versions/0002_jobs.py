"""Registry global database: long-running jobs (the Excel import), docs/adr/0012.

Revision ID: 0002_jobs
Revises: 0001_registry_global
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

from ansinh_common.jobs import create_job_tables, drop_job_tables

revision: str = "0002_jobs"
down_revision: str | None = "0001_registry_global"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_job_tables(op)


def downgrade() -> None:
    drop_job_tables(op)
