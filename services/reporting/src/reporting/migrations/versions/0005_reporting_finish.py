"""The budget by Art. 5 group and channel with arrears apart (ADR 0035).

``rm_payment_total`` keeps a list's lines by (group, channel, arrears) as last generated
(``stage`` = ``owed``) and as approved (``approved``), from the totals the payment events carry;
``rm_payment_result`` gains the line's group and arrears flag. Created in every database the
command migrates; filled in the global one.

Revision ID: 0005_reporting_finish
Revises: 0003_more_read_models
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_reporting_finish"
down_revision = "0003_more_read_models"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rm_payment_total",
        sa.Column("list_id", sa.String(64), primary_key=True),
        sa.Column("stage", sa.String(8), primary_key=True),
        sa.Column("group_code", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("arrears", sa.Boolean, primary_key=True),
        sa.Column("lines", sa.Integer, nullable=False),
        sa.Column("amount_vnd", sa.BigInteger, nullable=False),
    )
    op.add_column(
        "rm_payment_result",
        sa.Column("group_code", sa.String(16), nullable=False, server_default=""),
    )
    op.add_column(
        "rm_payment_result",
        sa.Column("arrears", sa.Boolean, nullable=False, server_default="false"),
    )


def downgrade() -> None:
    op.drop_column("rm_payment_result", "arrears")
    op.drop_column("rm_payment_result", "group_code")
    op.drop_table("rm_payment_total")
