"""Payment channels (ID → account/point with history), the channel of each exported line,
export records, payment results and suspension proposals (every shard). Issue 13, ADR 0020.

Revision ID: 0003_payment_channels
Revises: 0002_payment_lists
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_payment_channels"
down_revision: str | None = "0002_payment_lists"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "channel_assignments",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("province_code", sa.Text(), nullable=False),
        sa.Column("national_id", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("channel_code", sa.Text(), nullable=False),
        sa.Column("point_code", sa.Text(), nullable=True),
        sa.Column("account_number", sa.Text(), nullable=True),
        sa.Column("account_holder", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.CheckConstraint("extract(day FROM valid_from) = 1", name="ck_channel_assignments_month"),
        sa.UniqueConstraint("national_id", "valid_from", name="uq_channel_assignments_id_month"),
    )
    op.create_table(
        "payment_line_channels",
        sa.Column(
            "line_id",
            sa.Text(),
            sa.ForeignKey("payment_lines.id", ondelete="CASCADE", name="fk_line_channels_line"),
            primary_key=True,
        ),
        sa.Column("list_id", sa.Text(), nullable=False, index=True),
        sa.Column("channel_code", sa.Text(), nullable=False),
        sa.Column("point_code", sa.Text(), nullable=True),
        sa.Column("account_number", sa.Text(), nullable=True),
        sa.Column("account_holder", sa.Text(), nullable=True),
    )
    op.create_table(
        "payment_exports",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("list_id", sa.Text(), sa.ForeignKey("payment_lists.id", name="fk_exports_list"),
                  nullable=False, index=True),  # fmt: skip
        sa.Column("channel_code", sa.Text(), nullable=False),
        sa.Column("file_format", sa.Text(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("total_vnd", sa.BigInteger(), nullable=False),
        sa.Column("checksum", sa.Text(), nullable=False),
        sa.Column("exported_by", sa.Text(), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.CheckConstraint("file_format IN ('csv', 'xlsx')", name="ck_payment_exports_format"),
    )
    op.create_table(
        "payment_results",
        sa.Column(
            "line_id",
            sa.Text(),
            sa.ForeignKey("payment_lines.id", name="fk_payment_results_line"),
            primary_key=True,
        ),
        sa.Column("list_id", sa.Text(), nullable=False, index=True),
        sa.Column("national_id", sa.Text(), nullable=False, index=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("channel_code", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("amount_vnd", sa.BigInteger(), nullable=False),
        sa.Column("reason_code", sa.Text(), nullable=True),
        sa.Column("collected_on", sa.Date(), nullable=True),
        sa.Column("point_code", sa.Text(), nullable=True),
        sa.Column("import_id", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
        sa.CheckConstraint("outcome IN ('paid', 'failed', 'returned')", name="ck_results_outcome"),
        sa.CheckConstraint(
            "outcome = 'paid' OR reason_code IS NOT NULL", name="ck_results_reason_when_unpaid"
        ),
    )
    op.create_table(
        "suspension_proposals",
        sa.Column("record_id", sa.Text(), primary_key=True),  # the registry record to suspend
        sa.Column("month", sa.Date(), primary_key=True),
        sa.Column("province_code", sa.Text(), nullable=False),
        sa.Column("commune_code", sa.Text(), nullable=False),
        sa.Column("months_not_collected", sa.ARRAY(sa.Date()), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), server_default=_NOW, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "suspension_proposals", "payment_results", "payment_exports", "payment_line_channels",
        "channel_assignments",
    ):  # fmt: skip
        op.drop_table(table)
