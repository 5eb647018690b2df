"""The procedures report pre-aggregated (ADR 0041).

``rm_procedure_count`` holds, per unit kept (the country with the provinces of either catalog
as children; each province of both catalogs with its 2025 communes or pre-2025 districts),
child unit, month, procedure and channel, the dossiers received, resolved on time,
resolved late and closed in the month, and the monthly change of the dossiers pending
(+1 received, −1 closed). ``rm_procedure_step_time`` holds, per unit kept, month and state
left, the steps and their exact total duration in one-hour buckets. Kept by the projection in
the transaction of ``rm_dossier`` and ``rm_dossier_event``; rows netting to zero are deleted,
so both tables are a function of those rows. Districts and communes read their own rows
through new indexes.

Revision ID: 0007_procedure_aggregates
Revises: 0008_provincial_sync_gap
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_procedure_aggregates"
down_revision = "0008_provincial_sync_gap"
branch_labels = None
depends_on = None

_DOSSIER_UNITS = ("commune_2025", "district_pre", "commune_pre")


def upgrade() -> None:
    op.create_table(
        "rm_procedure_count",
        sa.Column("unit_level", sa.String(16), primary_key=True),
        sa.Column("unit_code", sa.String(5), primary_key=True),
        sa.Column("child_level", sa.String(16), primary_key=True),
        sa.Column("child_code", sa.String(5), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("procedure_code", sa.String(32), primary_key=True),
        sa.Column("channel", sa.Integer, primary_key=True),
        *(
            sa.Column(c, sa.BigInteger, nullable=False)
            for c in ("received", "on_time", "late", "closed", "pending")
        ),
    )
    op.create_index(
        "ix_rm_procedure_count_zero",
        "rm_procedure_count",
        ["unit_level"],
        postgresql_where=sa.text("pending = 0"),
    )
    op.create_table(
        "rm_procedure_step_time",
        sa.Column("unit_level", sa.String(16), primary_key=True),
        sa.Column("unit_code", sa.String(5), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("state", sa.String(24), primary_key=True),
        sa.Column("bucket", sa.Integer, primary_key=True),
        sa.Column("steps", sa.BigInteger, nullable=False),
        sa.Column("seconds", sa.Numeric, nullable=False),
    )
    op.create_index(
        "ix_rm_procedure_step_time_zero",
        "rm_procedure_step_time",
        ["unit_level"],
        postgresql_where=sa.text("steps = 0"),
    )
    for column in _DOSSIER_UNITS:
        op.create_index(f"ix_rm_dossier_{column}", "rm_dossier", [column])
    # a database migrated before this revision: the aggregates from the rows so far
    from reporting.adapters import procedure_counts

    procedure_counts.fill_all(op.get_bind())


def downgrade() -> None:
    for column in _DOSSIER_UNITS:
        op.drop_index(f"ix_rm_dossier_{column}", "rm_dossier")
    op.drop_table("rm_procedure_step_time")
    op.drop_table("rm_procedure_count")
