"""The provincial-sync gap (ADR 0042).

``rm_provincial_submission``: the dossiers the provinces sent on their inbound topics (by
province and provincial code); ``rm_sync_dossier``: the dossiers here (from their submission
event, with their provincial code) and when the province was first told of them (outbound).
Created in every database the command migrates; filled in the global one.

Revision ID: 0008_provincial_sync_gap
Revises: 0006_poverty_budget_aggregates
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_provincial_sync_gap"
down_revision = "0006_poverty_budget_aggregates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rm_provincial_submission",
        sa.Column("province_code", sa.String(2), primary_key=True),
        sa.Column("provincial_code", sa.String(64), primary_key=True),
        sa.Column("procedure_code", sa.String(32), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "rm_sync_dossier",
        sa.Column("dossier_id", sa.String(64), primary_key=True),
        sa.Column("dossier_code", sa.String(64), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("procedure_code", sa.String(32), nullable=False),
        sa.Column("provincial_code", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("told_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_rm_sync_dossier_provincial", "rm_sync_dossier", ["provincial_code"])
    op.create_index(
        "ix_rm_sync_dossier_province", "rm_sync_dossier", ["province_code", "created_at"]
    )


def downgrade() -> None:
    op.drop_table("rm_sync_dossier")
    op.drop_table("rm_provincial_submission")
