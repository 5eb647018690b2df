"""The first Alembic revision of every service: the transactional outbox and the inbox (ADR 0003).

A service's ``migrations/versions/0001_outbox_inbox.py`` (generated from
``infra/service-template``) imports these names; Alembic reads them from that module.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from ansinh_common.migrations.ops import (
    create_outbox_and_inbox_tables,
    drop_outbox_and_inbox_tables,
)

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0001_outbox_inbox"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_outbox_and_inbox_tables(op)


def downgrade() -> None:
    drop_outbox_and_inbox_tables(op)
