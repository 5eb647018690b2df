"""Append-only read audit: every read of one person's record, history or export
(Decree 13/2023/NĐ-CP; issue 9).

Revision ID: 0002_record_reads
Revises: 0001_registry_shard
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002_record_reads"
down_revision: str | None = "0001_registry_shard"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION registry_record_reads_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'record_reads is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'the read audit is evidence (Decree 13/2023/ND-CP); it is never edited';
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "record_reads",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column(
            "read_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=True),
        sa.Column("reader_subject", sa.Text(), nullable=False),
        sa.Column("reader_username", sa.Text(), nullable=False),
        sa.Column("reader_roles", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("reader_unit_code", sa.Text(), nullable=True),
        sa.Column("client_address", sa.Text(), nullable=False),
        sa.Column("route", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_reads"),
    )
    op.create_index("ix_record_reads_record", "record_reads", ["record_id", "id"])
    op.execute(APPEND_ONLY_FUNCTION)
    op.execute(
        "CREATE TRIGGER record_reads_append_only BEFORE UPDATE OR DELETE ON record_reads "
        "FOR EACH ROW EXECUTE FUNCTION registry_record_reads_append_only()"
    )
    op.execute(
        "CREATE TRIGGER record_reads_no_truncate BEFORE TRUNCATE ON record_reads "
        "FOR EACH STATEMENT EXECUTE FUNCTION registry_record_reads_append_only()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS record_reads_no_truncate ON record_reads")
    op.execute("DROP TRIGGER IF EXISTS record_reads_append_only ON record_reads")
    op.drop_table("record_reads")
    op.execute("DROP FUNCTION IF EXISTS registry_record_reads_append_only()")
