"""Tables of the payment service (SQLAlchemy Core; the domain never imports SQLAlchemy).

Per shard (every shard holds several provinces; every table carries ``province_code``):

* the entitlement projection built from the registry's events (``entitlement_persons``,
  ``entitlement_memberships``, ``entitlement_care_claims``): facts only, never amounts;
* ``province_settings``: the province's higher standard level and own allowances, versions by
  effective month, with how far approved lists used them;
* ``payment_lists`` (one per commune and month, draft → approved → exported → closed) and
  ``payment_lines`` (integer VND, ``breakdown`` says how the amount was computed);
* ``payment_carry_overs``: failed or returned payments waiting for the next list (filled by the
  channels' result import, consumed by generation);
* the outbox and inbox; the job tables (``ansinh_common.jobs``) in the global database.

The same tables exist in the global database (one schema for every database); it only uses
the jobs and the outbox.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from ansinh_common.migrations import add_messaging_tables

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
LIST_STATES = ("draft", "approved", "exported", "closed")
LINE_KINDS = ("regular", "arrears", "funeral", "carry_over", "adjustment")

metadata = MetaData(naming_convention=NAMING)
messaging = add_messaging_tables(metadata)


def _now(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=False, server_default=func.now())


entitlement_persons = Table(
    "entitlement_persons",
    metadata,
    Column("person_id", Text, primary_key=True),  # the personal ID number (CCCD)
    Column("province_code", Text, nullable=False),
    Column("commune_code", Text, nullable=False),
    Column("full_name", Text, nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("died_on", Date),
    _now("updated_at"),
    Index(None, "province_code", "commune_code"),
)

entitlement_memberships = Table(
    "entitlement_memberships",
    metadata,
    Column("record_id", Text, primary_key=True),  # the registry record
    Column("person_id", Text, ForeignKey("entitlement_persons.person_id"), nullable=False),
    Column("province_code", Text, nullable=False),
    Column("group_code", Text, nullable=False),  # "5.1" … "5.8", "5.5a" … "5.5d"
    Column("decision_number", Text, nullable=False, server_default=""),
    Column("decision_signed_on", Date),
    Column("start_month", Date, nullable=False),  # 1st of the month
    Column("end_month", Date),  # last month owed (death, stop, move)
    Column("disability_level", Text),
    Column("studying_through", Date),
    Column("poverty", Text),
    Column("paid_through", Date),  # a legacy record: the last month the old system paid
    Column("children", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("record_version", BigInteger, nullable=False, server_default="0"),
    _now("updated_at"),
    Index(None, "person_id"),
)

entitlement_care_claims = Table(
    "entitlement_care_claims",
    metadata,
    Column("claim_id", Text, primary_key=True),
    Column("person_id", Text, ForeignKey("entitlement_persons.person_id"), nullable=False),
    Column("province_code", Text, nullable=False),
    Column("kind", Text, nullable=False),  # C1 … C4
    Column("payee_id", Text, nullable=False),
    Column("decision_number", Text, nullable=False, server_default=""),
    Column("decision_signed_on", Date),
    Column("start_month", Date, nullable=False),
    Column("end_month", Date),
    Column("pregnant_from", Date),
    Column("pregnant_through", Date),
    Column("children", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    _now("updated_at"),
    Index(None, "person_id"),
)

province_settings = Table(
    "province_settings",
    metadata,
    Column("id", Text, primary_key=True),
    Column("province_code", Text, nullable=False),
    Column("key", Text, nullable=False),  # "standard_level" or the allowance's code
    Column("kind", Text, nullable=False),  # "standard_level" | "allowance"
    Column("effective_from", Date, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False, server_default="0"),
    Column("coefficient", Numeric(6, 2)),
    Column("groups", ARRAY(Text), nullable=False, server_default="{}"),
    Column("name", Text, nullable=False, server_default=""),
    Column("resolution_number", Text, nullable=False),
    Column("resolution_signed_on", Date, nullable=False),
    Column("recorded_by", Text, nullable=False),
    _now("recorded_at"),
    Column("used_through", Date),  # last month an approved list used this line
    UniqueConstraint("province_code", "key", "effective_from"),
    CheckConstraint("kind IN ('standard_level', 'allowance')", name="kind"),
)

payment_lists = Table(
    "payment_lists",
    metadata,
    Column("id", Text, primary_key=True),
    Column("province_code", Text, nullable=False),
    Column("commune_code", Text, nullable=False),
    Column("month", Date, nullable=False),  # 1st of the month
    Column("state", Text, nullable=False, server_default="draft"),
    Column("prepared_by", Text, nullable=False),
    Column("approved_by", Text),
    Column("prepared_by_name", Text),  # as the token named them when they acted (ADR 0043)
    Column("approved_by_name", Text),
    Column("adjusted_by", ARRAY(Text), nullable=False, server_default="{}"),
    Column("line_count", Integer, nullable=False, server_default="0"),
    Column("total_vnd", BigInteger, nullable=False, server_default="0"),
    Column("setting_keys", ARRAY(Text), nullable=False, server_default="{}"),
    Column("version", Integer, nullable=False, server_default="0"),
    _now("created_at"),
    _now("updated_at"),
    Column("generated_at", DateTime(timezone=True)),
    Column("approved_at", DateTime(timezone=True)),
    Column("exported_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
    UniqueConstraint("commune_code", "month"),
    CheckConstraint(f"state IN {LIST_STATES!r}", name="state"),
    CheckConstraint("extract(day FROM month) = 1", name="month_first_day"),
    Index(None, "province_code", "month"),
)

payment_lines = Table(
    "payment_lines",
    metadata,
    Column("id", Text, primary_key=True),
    Column("list_id", Text, ForeignKey("payment_lists.id", ondelete="CASCADE"), nullable=False),
    Column("record_id", Text, nullable=False),  # the person (personal ID) the line pays
    Column("national_id", Text, nullable=False),
    Column("full_name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("month_for", Date, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False),
    Column("breakdown", JSONB, nullable=False),
    Column("needs_review", Boolean, nullable=False, server_default="false"),
    Column("corrects_line_id", Text, ForeignKey("payment_lines.id")),
    Column("reason", Text),
    _now("created_at"),
    CheckConstraint(f"kind IN {LINE_KINDS!r}", name="kind"),
    Index(None, "list_id", "kind"),
    Index(None, "national_id"),
    Index(
        "uq_payment_lines_generated",
        "list_id",
        "kind",
        "record_id",
        "month_for",
        unique=True,
        postgresql_where=text("kind IN ('regular', 'arrears', 'funeral')"),
    ),
)

payment_carry_overs = Table(
    "payment_carry_overs",
    metadata,
    Column("id", Text, primary_key=True),
    Column("province_code", Text, nullable=False),
    Column("commune_code", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("national_id", Text, nullable=False),
    Column("from_line_id", Text, ForeignKey("payment_lines.id"), nullable=False, unique=True),
    Column("month_for", Date, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("consumed_by_line_id", Text, ForeignKey("payment_lines.id", ondelete="SET NULL")),
    _now("created_at"),
    Index(None, "commune_code", postgresql_where=text("consumed_by_line_id IS NULL")),
    # the generation's carry-overs of one commune (revision 0006_generation_indexes)
    Index(
        "ix_payment_carry_overs_province_code_commune_code",
        "province_code",
        "commune_code",
        "month_for",
    ),
)
