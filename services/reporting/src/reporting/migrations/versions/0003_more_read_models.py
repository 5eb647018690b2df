"""Reporting read models of issue 15's other reports: poverty statuses and dossier steps.

``rm_poverty_status`` keeps every status decision of a household (its history, so a month's
status is the latest decision on or before it); ``rm_dossier_event`` every status change of a
dossier and ``rm_dossier`` the summary recomputed from them (received, resolved, on time or
late); ``rm_payment_list`` / ``rm_payment_result`` the budget;
``rm_quality_snapshot`` the data-quality campaign's figures per unit per month. Created in every database the command migrates; filled in the global one (ADR 0029).

Revision ID: 0003_more_read_models
Revises: 0002_read_models
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_more_read_models"
down_revision = "0002_read_models"
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
        "rm_poverty_status",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("household_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("province_2025", sa.String(2), nullable=False),
        sa.Column("commune_2025", sa.String(5), nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("review_year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("previous_status", sa.String(24), nullable=False),
        sa.Column("moves", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("deprivations", postgresql.ARRAY(sa.Text), nullable=False),
    )
    op.create_index(
        "ix_rm_poverty_status_household", "rm_poverty_status", ["household_id", "month", "seq"]
    )
    op.create_table(
        "rm_dossier_event",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("dossier_id", sa.String(64), nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("previous_state", sa.String(24), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("unit_code", sa.String(5), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date),
    )
    op.create_index("ix_rm_dossier_event_dossier", "rm_dossier_event", ["dossier_id", "version"])
    op.create_table(
        "rm_dossier",
        sa.Column("dossier_id", sa.String(64), primary_key=True),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("procedure_code", sa.String(32), nullable=False),
        sa.Column("channel", sa.Integer, nullable=False),
        sa.Column("first_version", sa.BigInteger, nullable=False),
        sa.Column("province_2025", sa.String(2), nullable=False),
        sa.Column("commune_2025", sa.String(5)),
        sa.Column("province_pre", sa.String(2)),
        sa.Column("district_pre", sa.String(3)),
        sa.Column("commune_pre", sa.String(5)),
        sa.Column("received_on", sa.Date),
        sa.Column("resolved_on", sa.Date),
        sa.Column("resolved_late", sa.Boolean),
        sa.Column("ended_on", sa.Date),
    )
    op.create_index("ix_rm_dossier_province_2025", "rm_dossier", ["province_2025"])
    op.create_table(
        "rm_payment_list",
        sa.Column("list_id", sa.String(64), primary_key=True),
        sa.Column("province_code", sa.String(2), nullable=False),
        *_units(),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("lines", sa.Integer),
        sa.Column("owed_vnd", sa.BigInteger),
        sa.Column("approved_vnd", sa.BigInteger),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "rm_payment_result",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("line_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        *_units(),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("amount_vnd", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_rm_payment_result_line", "rm_payment_result", ["line_id", "seq"])
    op.create_table(
        "rm_quality_snapshot",
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("level", sa.String(8), primary_key=True),
        sa.Column("unit_code", sa.String(5), primary_key=True),
        sa.Column("field", sa.String(24), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("present", sa.Integer, nullable=False),
        sa.Column("applicable", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rm_quality_snapshot")
    op.drop_table("rm_payment_result")
    op.drop_table("rm_payment_list")
    op.drop_table("rm_dossier")
    op.drop_table("rm_dossier_event")
    op.drop_table("rm_poverty_status")
