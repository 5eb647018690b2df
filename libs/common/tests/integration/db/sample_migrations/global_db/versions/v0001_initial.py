"""Global schema: national ID → province.

Revision ID: g0001
"""

import sqlalchemy as sa
from alembic import op

revision = "g0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "national_ids",
        sa.Column("national_id", sa.Text, primary_key=True),
        sa.Column("province", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("national_ids")
