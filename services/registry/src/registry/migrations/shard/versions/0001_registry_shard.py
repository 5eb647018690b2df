"""Registry shard schema: records, persons, append-only history, care support, findings,
outbox and inbox.

Revision ID: 0001_registry_shard
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ansinh_common.migrations import (
    create_outbox_and_inbox_tables,
    drop_outbox_and_inbox_tables,
)

revision: str = "0001_registry_shard"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION registry_record_changes_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND coalesce(current_setting('registry.allow_history_purge', true), '') = 'on' THEN
        RETURN OLD;  -- purge of a province moved to another shard (ADR 0003)
    END IF;
    RAISE EXCEPTION 'record_changes is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'a correction is a new change, never an edit of an old one';
END
$$;
"""


def _timestamps() -> list[sa.Column[Any]]:
    return [
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    ]


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "beneficiary_records",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("history_length", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("category_code", sa.Text(), nullable=False),
        sa.Column("category_condition", sa.Text(), nullable=False),
        sa.Column("category_children", sa.Integer(), nullable=True),
        sa.Column("coefficient", sa.Numeric(6, 2), nullable=False),
        sa.Column("start_month", sa.Text(), nullable=False),
        sa.Column("end_month", sa.Text(), nullable=True),
        sa.Column("decision_number", sa.Text(), nullable=True),
        sa.Column("decision_signed_on", sa.Date(), nullable=True),
        sa.Column("decision_unit", sa.Text(), nullable=True),
        sa.Column("disability_type_code", sa.Text(), nullable=True),
        sa.Column("disability_level_code", sa.Text(), nullable=True),
        sa.Column("disability_certified_on", sa.Date(), nullable=True),
        sa.Column("payment_channel_code", sa.Text(), nullable=True),
        sa.Column("account_number", sa.Text(), nullable=True),
        sa.Column("account_holder", sa.Text(), nullable=True),
        sa.Column("move", postgresql.JSONB(), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("record_id", name="pk_beneficiary_records"),
    )
    op.create_index(
        "ix_beneficiary_records_province_category_code_status",
        "beneficiary_records",
        ["province", "category_code", "status"],
    )

    op.create_table(
        "persons",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("personal_id", sa.Text(), nullable=True),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("gender", sa.Text(), nullable=False),
        sa.Column("ethnicity_code", sa.Text(), nullable=True),
        sa.Column("commune_code", sa.Text(), nullable=False),
        sa.Column("district_code", sa.Text(), nullable=True),
        sa.Column("catalog_version", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["beneficiary_records.record_id"],
            name="fk_persons_record_id_beneficiary_records",
        ),
        sa.PrimaryKeyConstraint("record_id", name="pk_persons"),
    )
    op.create_index("ix_persons_personal_id", "persons", ["personal_id"])
    op.create_index(
        "ix_persons_province_commune_code_name_folded",
        "persons",
        ["province", "commune_code", "name_folded"],
    )
    op.create_index(
        "ix_persons_province_name_folded_record_id",
        "persons",
        ["province", "name_folded", "record_id"],
    )
    op.create_index(
        "ix_persons_name_trgm",
        "persons",
        ["name_folded"],
        postgresql_using="gin",
        postgresql_ops={"name_folded": "gin_trgm_ops"},
    )

    op.create_table(
        "record_changes",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decision_number", sa.Text(), nullable=True),
        sa.Column("decision_signed_on", sa.Date(), nullable=True),
        sa.Column("actor_subject", sa.Text(), nullable=False),
        sa.Column("actor_username", sa.Text(), nullable=False),
        sa.Column("move_id", sa.Text(), nullable=True),
        sa.Column("payload", postgresql.JSONB(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["beneficiary_records.record_id"],
            name="fk_record_changes_record_id_beneficiary_records",
        ),
        sa.PrimaryKeyConstraint("record_id", "seq", name="pk_record_changes"),
    )
    op.create_index(
        "ix_record_changes_province_effective_on", "record_changes", ["province", "effective_on"]
    )
    op.create_index(
        "ix_record_changes_province_recorded_at", "record_changes", ["province", "recorded_at"]
    )
    op.create_index(
        "ix_record_changes_move_in",
        "record_changes",
        ["move_id"],
        postgresql_where=sa.text("kind = 'move_in'"),
    )
    op.execute(APPEND_ONLY_FUNCTION)
    op.execute(
        "CREATE TRIGGER record_changes_append_only BEFORE UPDATE OR DELETE ON record_changes "
        "FOR EACH ROW EXECUTE FUNCTION registry_record_changes_append_only()"
    )
    op.execute(
        "CREATE TRIGGER record_changes_no_truncate BEFORE TRUNCATE ON record_changes "
        "FOR EACH STATEMENT EXECUTE FUNCTION registry_record_changes_append_only()"
    )

    op.create_table(
        "care_support_links",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("caregiver_kind", sa.Text(), nullable=False),
        sa.Column("caregiver_id", sa.Text(), nullable=False),
        sa.Column("caregiver_name", sa.Text(), nullable=False),
        sa.Column("category_code", sa.Text(), nullable=False),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("coefficient", sa.Numeric(6, 2), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["beneficiary_records.record_id"],
            name="fk_care_support_links_record_id_beneficiary_records",
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name="pk_care_support_links"),
    )
    op.create_index("ix_care_support_links_caregiver_id", "care_support_links", ["caregiver_id"])

    op.create_table(
        "data_quality_findings",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["beneficiary_records.record_id"],
            name="fk_data_quality_findings_record_id_beneficiary_records",
        ),
        sa.PrimaryKeyConstraint("record_id", "code", "field", name="pk_data_quality_findings"),
    )
    op.create_index(
        "ix_data_quality_findings_province_code", "data_quality_findings", ["province", "code"]
    )

    create_outbox_and_inbox_tables(op)


def downgrade() -> None:
    drop_outbox_and_inbox_tables(op)
    op.drop_table("data_quality_findings")
    op.drop_table("care_support_links")
    op.execute("DROP TRIGGER IF EXISTS record_changes_no_truncate ON record_changes")
    op.execute("DROP TRIGGER IF EXISTS record_changes_append_only ON record_changes")
    op.drop_table("record_changes")
    op.execute("DROP FUNCTION IF EXISTS registry_record_changes_append_only()")
    op.drop_table("persons")
    op.drop_table("beneficiary_records")
