"""Tables of the reporting service (also the target of its migrations).

The read models live in the reporting service's **global** database (ADR 0022): one
country-wide read side; the shards keep only the skeleton's outbox and inbox.
"""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from ansinh_common.migrations import add_messaging_tables

metadata = MetaData()
messaging = add_messaging_tables(metadata)


def _unit_columns() -> list[Column[str]]:
    return [
        Column("province_2025", String(2), nullable=False),
        Column("commune_2025", String(5)),
        Column("province_pre", String(2)),
        Column("district_pre", String(3)),
        Column("commune_pre", String(5)),
    ]


beneficiary = Table(
    "rm_beneficiary",
    metadata,
    Column("record_id", String(64), primary_key=True),
    Column("province_code", String(2), nullable=False),
    Column("version", Integer, nullable=False),
    *_unit_columns(),
    Column("catalog_version", String(8), nullable=False),
    Column("category_code", String(8), nullable=False),
    Column("gender", String(8), nullable=False),
    Column("birth_month", Date, nullable=False),
    Column("ethnicity_code", String(8)),
    Column("disability_level_code", String(8)),
    Column("care_support_households", Integer, nullable=False),
    Column("payment_channel_code", String(32)),
    Column("status", String(16), nullable=False),
    Column("findings", ARRAY(Text), nullable=False),
    Column("start_month", Date),
    Column("end_month", Date),
)
Index("ix_rm_beneficiary_province_2025", beneficiary.c.province_2025)
Index("ix_rm_beneficiary_province_pre", beneficiary.c.province_pre)

beneficiary_change = Table(
    "rm_beneficiary_change",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("record_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("month", Date, nullable=False),
    *_unit_columns(),
    Column("category_code", String(8), nullable=False),
)
Index("ix_rm_beneficiary_change_month", beneficiary_change.c.month)
