"""Reporting read models: beneficiaries and the changes of each month.

Created in every database the command migrates (the shards stay empty; the read models are
filled in the global database, ADR 0022).

Revision ID: 0002_read_models
Revises: 0001_outbox_inbox
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_read_models"
down_revision = "0001_outbox_inbox"
branch_labels = None
depends_on = None


def _units() -> list[sa.Column[str]]:
    return [
        sa.Column("province_2025", sa.String(2), nullable=False),
        sa.Column("commune_2025", sa.String(5)),
        sa.Column("province_pre", sa.String(2)),
        sa.Column("district_pre", sa.String(3)),
        sa.Column("commune_pre", sa.String(5)),
    ]


def upgrade() -> None:
    op.create_table(
        "rm_beneficiary",
        sa.Column("record_id", sa.String(64), primary_key=True),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        *_units(),
        sa.Column("catalog_version", sa.String(8), nullable=False),
        sa.Column("category_code", sa.String(8), nullable=False),
        sa.Column("gender", sa.String(8), nullable=False),
        sa.Column("birth_month", sa.Date, nullable=False),
        sa.Column("ethnicity_code", sa.String(8)),
        sa.Column("disability_level_code", sa.String(8)),
        sa.Column("care_support_households", sa.Integer, nullable=False),
        sa.Column("payment_channel_code", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("findings", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("start_month", sa.Date),
        sa.Column("end_month", sa.Date),
    )
    op.create_index("ix_rm_beneficiary_province_2025", "rm_beneficiary", ["province_2025"])
    op.create_index("ix_rm_beneficiary_province_pre", "rm_beneficiary", ["province_pre"])
    op.create_table(
        "rm_beneficiary_change",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        *_units(),
        sa.Column("category_code", sa.String(8), nullable=False),
    )
    op.create_index("ix_rm_beneficiary_change_month", "rm_beneficiary_change", ["month"])


def downgrade() -> None:
    op.drop_table("rm_beneficiary_change")
    op.drop_table("rm_beneficiary")
