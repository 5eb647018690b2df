"""Pre-aggregated beneficiary counts per unit and month, and the data-quality campaign per
unit (ADR 0034).

``rm_unit_month_count`` holds, per unit (the country, and each unit column of the read
model in both catalogs), month, dimension and key, the *change* of the number of records
paid from the month before: +1 at a record's start month, −1 after its end month, and the
age-band moves at its 16th/60th/80th birthdays; the changes of the month (``dimension =
'change'``) are counts of that month alone. A report as of month M sums the rows of one unit
up to M. Kept by the projection in the transaction of the read-model rows; rows whose delta
nets to zero are deleted (partial index), so the table is a function of ``rm_beneficiary``
and ``rm_beneficiary_change`` alone.

``rm_unit_quality_count`` holds the data-quality campaign per 2025 province and commune
(active records; per required field, present and applicable), kept the same way.

The reports of a commune or a pre-2025 district read its rows through new indexes.

Revision ID: 0004_unit_month_aggregates
Revises: 0003_more_read_models
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_unit_month_aggregates"
down_revision = "0003_more_read_models"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rm_unit_month_count",
        sa.Column("unit_level", sa.String(16), primary_key=True),
        sa.Column("unit_code", sa.String(5), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("dimension", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(16), primary_key=True),
        sa.Column("delta", sa.BigInteger, nullable=False),
    )
    op.create_index(
        "ix_rm_unit_month_count_zero",
        "rm_unit_month_count",
        ["unit_level"],
        postgresql_where=sa.text("delta = 0"),
    )
    op.create_table(
        "rm_unit_quality_count",
        sa.Column("province_2025", sa.String(2), primary_key=True),
        sa.Column("commune_2025", sa.String(5), primary_key=True),
        sa.Column("field", sa.String(24), primary_key=True),
        sa.Column("present", sa.BigInteger, nullable=False),
        sa.Column("applicable", sa.BigInteger, nullable=False),
    )
    op.create_index(
        "ix_rm_unit_quality_count_zero",
        "rm_unit_quality_count",
        ["province_2025"],
        postgresql_where=sa.text("applicable = 0"),
    )
    # the reports of a commune or pre-2025 district read its rows
    for column in ("commune_2025", "district_pre", "commune_pre"):
        op.create_index(f"ix_rm_beneficiary_{column}", "rm_beneficiary", [column])
    # a database migrated before this revision: the table from the read models built so far
    from reporting.adapters import unit_month_counts, unit_quality_counts

    unit_month_counts.fill_all(op.get_bind())
    unit_quality_counts.fill_all(op.get_bind())


def downgrade() -> None:
    for column in ("commune_2025", "district_pre", "commune_pre"):
        op.drop_index(f"ix_rm_beneficiary_{column}", "rm_beneficiary")
    op.drop_table("rm_unit_quality_count")
    op.drop_table("rm_unit_month_count")
