"""The commune's carry-overs by index (every shard): the generation reads, and marks as
consumed, only the carry-overs of its commune, not the whole shard's (which grow every month).
Issue 13, docs/payment.md "Benchmark".

Revision ID: 0006_generation_indexes
Revises: 0005_payment_finish
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_generation_indexes"
down_revision: str | None = "0005_payment_finish"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_payment_carry_overs_province_code_commune_code"


def upgrade() -> None:
    op.create_index(INDEX, "payment_carry_overs", ["province_code", "commune_code", "month_for"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="payment_carry_overs")
