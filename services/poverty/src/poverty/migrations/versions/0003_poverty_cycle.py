"""Poverty review cycle: requests filed by households (Mẫu 01 / Mẫu 04) waiting for a list.

Revision ID: 0003_poverty_cycle
"""

import sqlalchemy as sa
from alembic import op

from ansinh_common.migrations import current_target

revision = "0003_poverty_cycle"
down_revision = "0002_poverty"
branch_labels = None
depends_on = None


def _on_shard() -> bool:
    target = current_target()
    return target is None or not target.is_global


def upgrade() -> None:
    if not _on_shard():
        return
    op.create_table(
        "review_requests",
        sa.Column("request_id", sa.Text, primary_key=True),
        sa.Column(
            "household_id", sa.Text, sa.ForeignKey("households.household_id"), nullable=False
        ),
        sa.Column("commune_code", sa.Text, nullable=False),
        sa.Column("form", sa.Text, nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("filed_by", sa.Text, nullable=False),
        sa.Column("review_id", sa.Text, sa.ForeignKey("reviews.review_id")),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_review_requests_pending",
        "review_requests",
        ["commune_code", "received_on"],
        postgresql_where=sa.text("review_id IS NULL"),
    )
    op.create_index(
        "uq_review_requests_household_pending",
        "review_requests",
        ["household_id"],
        unique=True,
        postgresql_where=sa.text("review_id IS NULL"),
    )


def downgrade() -> None:
    if not _on_shard():
        return
    op.drop_table("review_requests")
