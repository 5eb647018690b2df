"""Dossiers, their audit trail, pauses, attachments' metadata and the dossier-code counters.

Revision ID: 0002_dossiers
Revises: 0001_outbox_inbox
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002_dossiers"
down_revision: str | None = "0001_outbox_inbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HISTORY_APPEND_ONLY = """
CREATE FUNCTION dossier_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dossier_history is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("code", sa.Text(), nullable=False, unique=True),
        sa.Column("provincial_code", sa.Text(), nullable=True, unique=True),
        sa.Column("procedure_id", sa.Text(), nullable=False),
        sa.Column("procedure_version", sa.Text(), nullable=False),
        sa.Column("procedure_code", sa.Text(), nullable=False),
        sa.Column("purpose_id", sa.Text(), nullable=False),
        sa.Column("form_id", sa.Text(), nullable=False),
        sa.Column("province_code", sa.Text(), nullable=False),
        sa.Column("commune_code", sa.Text(), nullable=False),
        sa.Column("destination_commune_code", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("channel", sa.SmallInteger(), nullable=False),
        sa.Column("applicant_national_id", sa.Text(), nullable=False),
        sa.Column("submitted_by", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("hiv_related", sa.Boolean(), nullable=False),
        sa.Column("registry_record_id", sa.Text(), nullable=True),
        sa.Column("registry_refusal", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", postgresql.JSONB(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dossiers_queue", "dossiers", ["unit_code", "due_on"])
    op.create_index("ix_dossiers_applicant", "dossiers", ["applicant_national_id"])
    op.create_index("ix_dossiers_submitted_by", "dossiers", ["submitted_by"])
    op.create_table(
        "dossier_history",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("dossier_id", sa.Text(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("from_stage", sa.Text(), nullable=True),
        sa.Column("to_stage", sa.Text(), nullable=False),
        sa.Column("actor_subject", sa.Text(), nullable=False),
        sa.Column("actor_username", sa.Text(), nullable=False),
        sa.Column("actor_unit_code", sa.Text(), nullable=True),
        sa.Column("client_address", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("dossier_id", "version", name="uq_dossier_history_version"),
    )
    op.execute(HISTORY_APPEND_ONLY)
    op.execute(
        "CREATE TRIGGER dossier_history_append_only BEFORE UPDATE OR DELETE ON dossier_history "
        "FOR EACH ROW EXECUTE FUNCTION dossier_history_append_only()"
    )
    op.create_table(
        "dossier_pauses",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column("dossier_id", sa.Text(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("step_id", sa.Text(), nullable=False),
        sa.Column("paused_on", sa.Date(), nullable=False),
        sa.Column("resumed_on", sa.Date(), nullable=True),
        sa.Column("documents", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "dossier_attachments",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("dossier_id", sa.Text(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("storage_key", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_address", sa.Text(), nullable=False),
    )
    op.create_index("ix_dossier_attachments_dossier", "dossier_attachments", ["dossier_id"])
    op.create_table(
        "dossier_code_counters",
        sa.Column("agency_code", sa.Text(), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("dossier_code_counters")
    op.drop_table("dossier_attachments")
    op.drop_table("dossier_pauses")
    op.execute("DROP TRIGGER dossier_history_append_only ON dossier_history")
    op.drop_table("dossier_history")
    op.execute("DROP FUNCTION dossier_history_append_only()")
    op.drop_table("dossiers")
