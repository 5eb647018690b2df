"""Names of who prepared and approved a list (as their tokens named them), and the month a
legacy system paid a record through (ExplainMonth says so for the months before). ADR 0043.

Revision ID: 0007_polish
Revises: 0006_generation_indexes
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_polish"
down_revision: str | None = "0006_generation_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("payment_lists", sa.Column("prepared_by_name", sa.Text(), nullable=True))
    op.add_column("payment_lists", sa.Column("approved_by_name", sa.Text(), nullable=True))
    op.add_column("entitlement_memberships", sa.Column("paid_through", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("entitlement_memberships", "paid_through")
    op.drop_column("payment_lists", "approved_by_name")
    op.drop_column("payment_lists", "prepared_by_name")
