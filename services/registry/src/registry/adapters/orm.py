"""Tables of the registry (SQLAlchemy Core; the domain never imports SQLAlchemy).

Per shard (``registry_s<N>``): the append-only history ``record_changes`` is the truth; the
other tables are the current state derived from it, rewritten on every change, for search,
export and reports: ``beneficiary_records`` (benefit side, version, saga progress),
``persons`` (the person as the record states it; the domain has no person aggregate, so a
person with records in two categories has one row per record, linked by personal ID),
``care_support_links`` and ``data_quality_findings``; plus the outbox and inbox. Every table
carries ``province`` (the shard key, ADR 0003).

Global (``registry_global``): ``active_index``, one row per (record, personal ID, category);
the unique partial index on (personal ID, category) WHERE active enforces at most one active
record per category nationwide.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
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
from sqlalchemy.dialects.postgresql import JSONB

from ansinh_common.messaging.tables import add_messaging_tables

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _timestamps() -> list[Column[Any]]:
    return [
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    ]


beneficiary_records = Table(
    "beneficiary_records",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("province", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("history_length", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("category_code", Text, nullable=False),
    Column("category_condition", Text, nullable=False),
    Column("category_children", Integer),
    Column("coefficient", Numeric(6, 2), nullable=False),
    Column("start_month", Text, nullable=False),  # "YYYY-MM"
    Column("end_month", Text),
    Column("decision_number", Text),
    Column("decision_signed_on", Date),
    Column("decision_unit", Text),
    Column("disability_type_code", Text),
    Column("disability_level_code", Text),
    Column("disability_certified_on", Date),
    Column("payment_channel_code", Text),
    Column("account_number", Text),
    Column("account_holder", Text),
    Column("move", JSONB),
    *_timestamps(),
    Index(None, "province", "category_code", "status"),
)

persons = Table(
    "persons",
    metadata,
    Column("record_id", Text, ForeignKey("beneficiary_records.record_id"), primary_key=True),
    Column("province", Text, nullable=False),
    Column("personal_id", Text),
    Column("full_name", Text, nullable=False),
    Column("name_folded", Text, nullable=False),  # lower case, no diacritics: search
    Column("birth_date", Date, nullable=False),
    Column("gender", Text, nullable=False),
    Column("ethnicity_code", Text),
    Column("commune_code", Text, nullable=False),
    Column("district_code", Text),
    Column("catalog_version", Text, nullable=False),
    Column("address", Text),
    Column("phone", Text),
    Index(None, "personal_id"),
    Index(None, "province", "commune_code", "name_folded"),
    Index(None, "province", "name_folded", "record_id"),
    Index(
        "ix_persons_name_trgm",
        "name_folded",
        postgresql_using="gin",
        postgresql_ops={"name_folded": "gin_trgm_ops"},
    ),
)

record_changes = Table(
    "record_changes",
    metadata,
    Column("record_id", Text, ForeignKey("beneficiary_records.record_id"), primary_key=True),
    Column("seq", Integer, primary_key=True),  # 1-based position in the history
    Column("province", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
    Column("decision_number", Text),
    Column("decision_signed_on", Date),
    Column("actor_subject", Text, nullable=False),
    Column("actor_username", Text, nullable=False),
    Column("move_id", Text),
    Column("payload", JSONB, nullable=False),  # the whole change (registry.change.v1)
    Index(None, "province", "effective_on"),
    Index(None, "province", "recorded_at"),
    Index("ix_record_changes_move_in", "move_id", postgresql_where=text("kind = 'move_in'")),
)

care_support_links = Table(
    "care_support_links",
    metadata,
    Column("record_id", Text, ForeignKey("beneficiary_records.record_id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("province", Text, nullable=False),
    Column("caregiver_kind", Text, nullable=False),
    Column("caregiver_id", Text, nullable=False),
    Column("caregiver_name", Text, nullable=False),
    Column("category_code", Text, nullable=False),
    Column("condition", Text, nullable=False),
    Column("coefficient", Numeric(6, 2), nullable=False),
    Index(None, "caregiver_id"),
)

data_quality_findings = Table(
    "data_quality_findings",
    metadata,
    Column("record_id", Text, ForeignKey("beneficiary_records.record_id"), primary_key=True),
    Column("code", Text, primary_key=True),
    Column("field", Text, primary_key=True),
    Column("province", Text, nullable=False),
    Column("message", Text, nullable=False),
    Index(None, "province", "code"),
)

messaging = add_messaging_tables(metadata)

# Children first: the order to delete a province's rows (``purge_province``); reversed, the
# order to copy them (``move_province``).
SHARD_TABLES_PARENTS_FIRST = (
    beneficiary_records,
    persons,
    record_changes,
    care_support_links,
    data_quality_findings,
)

HISTORY_GUARD_SETTING = "registry.allow_history_purge"
"""``SET LOCAL registry.allow_history_purge = 'on'`` lets a province purge delete history rows
(ADR 0003, after a move of the province to its own shard); nothing may ever UPDATE them."""


global_metadata = MetaData(naming_convention=NAMING)

active_index = Table(
    "active_index",
    global_metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("personal_id", Text, nullable=False),
    Column("category_code", Text, nullable=False),
    Column("province_code", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("confirmed", Boolean, nullable=False, server_default=text("false")),
    Column("claimed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("record_id", "personal_id", "category_code"),
    Index(
        "uq_active_index_person_category",
        "personal_id",
        "category_code",
        unique=True,
        postgresql_where=text("active"),
    ),
    Index(
        "ix_active_index_unconfirmed",
        "claimed_at",
        postgresql_where=text("active AND NOT confirmed"),
    ),
)

global_messaging = add_messaging_tables(global_metadata)
