"""Tables of the poverty service on every province shard (also the target of its migrations).

* ``households`` and ``household_members``: the household, its residence unit and area, each
  member with ID number, relation, birth date, gender and ethnicity;
* ``household_status_changes``: the status by review year with its decision, effective date
  and actor, appended only (the status on a date is the last change effective on or before it);
  ``low_income_members`` are the member ids marked as low-income workers on that decision;
* ``certificates``: numbered ``Số <n>/GCN-HN.HCN``, ``n`` unique per commune and year;
* ``reviews``: each review (campaign) as one JSON document with its step and version;
* ``review_requests``: Mẫu 01 / Mẫu 04 filed by households, pending until a review lists them;
* ``outbox`` / ``inbox`` (``ansinh_common.migrations``).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import MetaData
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from ansinh_common.migrations import add_messaging_tables

metadata = MetaData()
messaging = add_messaging_tables(metadata)

households = sa.Table(
    "households",
    metadata,
    sa.Column("household_id", sa.Text, primary_key=True),
    sa.Column("province_code", sa.Text, nullable=False),
    sa.Column("commune_code", sa.Text, nullable=False),
    sa.Column("village", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False),
    sa.Column("area", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Index("ix_households_commune", "commune_code", "village"),
)

household_members = sa.Table(
    "household_members",
    metadata,
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
    sa.Index("ix_household_members_national_id", "national_id"),
)

status_changes = sa.Table(
    "household_status_changes",
    metadata,
    sa.Column("change_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("household_id", sa.Text, sa.ForeignKey("households.household_id"), nullable=False),
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
    sa.Index("ix_household_status_changes_as_of", "household_id", "effective_on", "change_id"),
)

certificates = sa.Table(
    "certificates",
    metadata,
    sa.Column("commune_code", sa.Text, primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("serial", sa.Integer, primary_key=True),
    sa.Column("certificate_number", sa.Text, nullable=False),
    sa.Column("household_id", sa.Text, sa.ForeignKey("households.household_id"), nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("issued_on", sa.Date, nullable=False),
    sa.Column("issued_by", sa.Text, nullable=False),
    sa.UniqueConstraint("household_id", "year", name="uq_certificates_household_year"),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("review_id", sa.Text, primary_key=True),
    sa.Column("commune_code", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("step", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("document", JSONB, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_reviews_commune_year", "commune_code", "year"),
)

review_requests = sa.Table(
    "review_requests",
    metadata,
    sa.Column("request_id", sa.Text, primary_key=True),
    sa.Column("household_id", sa.Text, sa.ForeignKey("households.household_id"), nullable=False),
    sa.Column("commune_code", sa.Text, nullable=False),
    sa.Column("form", sa.Text, nullable=False),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("filed_by", sa.Text, nullable=False),
    sa.Column("review_id", sa.Text, sa.ForeignKey("reviews.review_id")),
    sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index(
        "ix_review_requests_pending",
        "commune_code",
        "received_on",
        postgresql_where=sa.text("review_id IS NULL"),
    ),
    sa.Index(
        "uq_review_requests_household_pending",
        "household_id",
        unique=True,
        postgresql_where=sa.text("review_id IS NULL"),
    ),
)
