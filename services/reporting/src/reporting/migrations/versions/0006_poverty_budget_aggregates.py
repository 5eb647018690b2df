"""Pre-aggregated poverty counts and budget totals per unit and month (ADR 0040).

``rm_poverty_month_count`` holds, per unit (the country, the 2025 provinces and communes),
month, dimension and key, the change of the number of households: +1 for a decision's status
(and its deprivations when poor or near-poor) in its month, −1 in the month of the
household's next decision; the month's entries and exits (``dimension = 'move'``) count in
their month alone. ``rm_budget_month_total`` holds, per unit of every level of both catalogs,
month, figure (owed, approved, paid, unpaid), group, channel and arrears flag, the entries
and amount of the lists' totals and of the lines' latest results. Both are kept by the
projection in the transaction of the read-model rows and are functions of those rows; rows
netted to zero are deleted (partial indexes). ``rm_payment_list`` gains an index on the
month.

Revision ID: 0006_poverty_budget_aggregates
Revises: 0005_reporting_finish
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_poverty_budget_aggregates"
down_revision = "0005_reporting_finish"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rm_poverty_month_count",
        sa.Column("unit_level", sa.String(16), primary_key=True),
        sa.Column("unit_code", sa.String(5), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("dimension", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("delta", sa.BigInteger, nullable=False),
    )
    op.create_index(
        "ix_rm_poverty_month_count_zero",
        "rm_poverty_month_count",
        ["unit_level"],
        postgresql_where=sa.text("delta = 0"),
    )
    op.create_table(
        "rm_budget_month_total",
        sa.Column("unit_level", sa.String(16), primary_key=True),
        sa.Column("unit_code", sa.String(5), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("figure", sa.String(8), primary_key=True),
        sa.Column("group_code", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("arrears", sa.Boolean, primary_key=True),
        sa.Column("entries", sa.BigInteger, nullable=False),
        sa.Column("amount_vnd", sa.BigInteger, nullable=False),
    )
    op.create_index(
        "ix_rm_budget_month_total_zero",
        "rm_budget_month_total",
        ["unit_level"],
        postgresql_where=sa.text("entries = 0"),
    )
    op.create_index("ix_rm_payment_list_month", "rm_payment_list", ["month"])
    # a database migrated before this revision: the tables from the read models built so far
    from reporting.adapters import budget_month_totals, poverty_month_counts

    poverty_month_counts.fill_all(op.get_bind())
    budget_month_totals.fill_all(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_rm_payment_list_month", "rm_payment_list")
    op.drop_table("rm_budget_month_total")
    op.drop_table("rm_poverty_month_count")
