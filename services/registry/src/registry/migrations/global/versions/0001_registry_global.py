"""Registry global database: the national index of active records (personal ID → province,
record, category), outbox and inbox.

Revision ID: 0001_registry_global
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ansinh_common.migrations import (
    create_outbox_and_inbox_tables,
    drop_outbox_and_inbox_tables,
)

revision: str = "0001_registry_global"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "active_index",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("personal_id", sa.Text(), nullable=False),
        sa.Column("category_code", sa.Text(), nullable=False),
        sa.Column("province_code", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("true")),
        sa.Column("confirmed", sa.Boolean(), nullable=False, server_default=sa.text("false")),
        sa.Column(
            "claimed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.PrimaryKeyConstraint("id", name="pk_active_index"),
        sa.UniqueConstraint(
            "record_id",
            "personal_id",
            "category_code",
            name="uq_active_index_record_id_personal_id_category_code",
        ),
    )
    # At most one active record per (personal ID, category) nationwide.
    op.create_index(
        "uq_active_index_person_category",
        "active_index",
        ["personal_id", "category_code"],
        unique=True,
        postgresql_where=sa.text("active"),
    )
    op.create_index(
        "ix_active_index_unconfirmed",
        "active_index",
        ["claimed_at"],
        postgresql_where=sa.text("active AND NOT confirmed"),
    )
    create_outbox_and_inbox_tables(op)


def downgrade() -> None:
    drop_outbox_and_inbox_tables(op)
    op.drop_table("active_index")
