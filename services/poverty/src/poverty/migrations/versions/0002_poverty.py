"""Poverty service: households, members, status history, certificates, reviews (shards only).

Revision ID: 0002_poverty
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from ansinh_common.migrations import current_target

revision = "0002_poverty"
down_revision = "0001_outbox_inbox"
branch_labels = None
depends_on = None


def _on_shard() -> bool:
    target = current_target()
    return target is None or not target.is_global


def upgrade() -> None:
    if not _on_shard():
        return
    op.create_table(
        "households",
        sa.Column("household_id", sa.Text, primary_key=True),
        sa.Column("province_code", sa.Text, nullable=False),
        sa.Column("commune_code", sa.Text, nullable=False),
        sa.Column("village", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("area", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
    )
    op.create_index("ix_households_commune", "households", ["commune_code", "village"])
    op.create_table(
        "household_members",
        sa.Column(
            "household_id",
            sa.Text,
            sa.ForeignKey("households.household_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("member_id", sa.Text, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("full_name", sa.Text, nullable=False),
        sa.Column("national_id", sa.Text, nullable=False),
        sa.Column("relation", sa.Text, nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("gender", sa.Text, nullable=False),
        sa.Column("ethnicity_code", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_household_members_national_id", "household_members", ["national_id"]
    )
    op.create_table(
        "household_status_changes",
        sa.Column("change_id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "household_id", sa.Text, sa.ForeignKey("households.household_id"), nullable=False
        ),
        sa.Column("review_year", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("decision_number", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("standard_code", sa.Text, nullable=False),
        sa.Column("deprivations", ARRAY(sa.Text), nullable=False),
        sa.Column("low_income_members", ARRAY(sa.Text), nullable=False),
        sa.Column("review_id", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_household_status_changes_as_of",
        "household_status_changes",
        ["household_id", "effective_on", "change_id"],
    )
    op.create_table(
        "certificates",
        sa.Column("commune_code", sa.Text, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("serial", sa.Integer, primary_key=True),
        sa.Column("certificate_number", sa.Text, nullable=False),
        sa.Column(
            "household_id", sa.Text, sa.ForeignKey("households.household_id"), nullable=False
        ),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("issued_by", sa.Text, nullable=False),
        sa.UniqueConstraint("household_id", "year", name="uq_certificates_household_year"),
    )
    op.create_table(
        "reviews",
        sa.Column("review_id", sa.Text, primary_key=True),
        sa.Column("commune_code", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("document", JSONB, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_commune_year", "reviews", ["commune_code", "year"])


def downgrade() -> None:
    if not _on_shard():
        return
    op.drop_table("reviews")
    op.drop_table("certificates")
    op.drop_table("household_status_changes")
    op.drop_table("household_members")
    op.drop_table("households")
