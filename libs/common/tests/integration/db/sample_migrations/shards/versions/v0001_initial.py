"""Shard schema: outbox, inbox and a table with the province shard key.

Revision ID: s0001
"""

import sqlalchemy as sa
from alembic import op

from ansinh_common.migrations import create_outbox_and_inbox_tables, drop_outbox_and_inbox_tables

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_outbox_and_inbox_tables(op)
    op.create_table(
        "people",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("province", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("people")
    drop_outbox_and_inbox_tables(op)
