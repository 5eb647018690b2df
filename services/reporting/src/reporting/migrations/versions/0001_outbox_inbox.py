"""Reporting service: transactional outbox and inbox (every shard and the global database).

Revision ID: 0001_outbox_inbox
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

from ansinh_common.migrations import (
    create_outbox_and_inbox_tables,
    drop_outbox_and_inbox_tables,
)

revision: str = "0001_outbox_inbox"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_outbox_and_inbox_tables(op)


def downgrade() -> None:
    drop_outbox_and_inbox_tables(op)
