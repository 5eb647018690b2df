"""Tables of the reporting service (also the target of its migrations).

The read models live in the reporting service's **global** database (ADR 0022): one
country-wide read side; the shards keep only the skeleton's outbox and inbox.
"""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    Numeric,
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
Index("ix_rm_beneficiary_commune_2025", beneficiary.c.commune_2025)  # 0004
Index("ix_rm_beneficiary_district_pre", beneficiary.c.district_pre)  # 0004
Index("ix_rm_beneficiary_commune_pre", beneficiary.c.commune_pre)  # 0004

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

# 0004_unit_month_aggregates (ADR 0034): monthly deltas of the beneficiary counts per unit
unit_month_count = Table(
    "rm_unit_month_count",
    metadata,
    Column("unit_level", String(16), primary_key=True),
    Column("unit_code", String(5), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("dimension", String(16), primary_key=True),
    Column("key", String(16), primary_key=True),
    Column("delta", BigInteger, nullable=False),
)
Index(
    "ix_rm_unit_month_count_zero",
    unit_month_count.c.unit_level,
    postgresql_where=unit_month_count.c.delta == 0,
)
unit_quality_count = Table(
    "rm_unit_quality_count",
    metadata,
    Column("province_2025", String(2), primary_key=True),
    Column("commune_2025", String(5), primary_key=True),  # '' for a record without one
    Column("field", String(24), primary_key=True),
    Column("present", BigInteger, nullable=False),
    Column("applicable", BigInteger, nullable=False),
)
Index(
    "ix_rm_unit_quality_count_zero",
    unit_quality_count.c.province_2025,
    postgresql_where=unit_quality_count.c.applicable == 0,
)

# 0003_more_read_models (ADR 0029): poverty statuses, dossier steps
poverty_status = Table(
    "rm_poverty_status",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("household_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("province_2025", String(2), nullable=False),
    Column("commune_2025", String(5), nullable=False),
    Column("month", Date, nullable=False),
    Column("review_year", Integer, nullable=False),
    Column("status", String(24), nullable=False),
    Column("previous_status", String(24), nullable=False),
    Column("moves", ARRAY(Text), nullable=False),
    Column("deprivations", ARRAY(Text), nullable=False),
)
Index(
    "ix_rm_poverty_status_household",
    poverty_status.c.household_id,
    poverty_status.c.month,
    poverty_status.c.seq,
)

dossier_event = Table(
    "rm_dossier_event",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("dossier_id", String(64), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("state", String(24), nullable=False),
    Column("previous_state", String(24), nullable=False),
    Column("action", String(32), nullable=False),
    Column("unit_code", String(5), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("due_on", Date),
)
Index("ix_rm_dossier_event_dossier", dossier_event.c.dossier_id, dossier_event.c.version)

dossier = Table(
    "rm_dossier",
    metadata,
    Column("dossier_id", String(64), primary_key=True),
    Column("province_code", String(2), nullable=False),
    Column("procedure_code", String(32), nullable=False),
    Column("channel", Integer, nullable=False),
    Column("first_version", BigInteger, nullable=False),
    *_unit_columns(),
    Column("received_on", Date),
    Column("resolved_on", Date),
    Column("resolved_late", Boolean),
    Column("ended_on", Date),
)
Index("ix_rm_dossier_province_2025", dossier.c.province_2025)

# 0007_procedure_aggregates (ADR 0041): the procedures report pre-aggregated
PROCEDURE_MEASURES = ("received", "on_time", "late", "closed", "pending")
for _column in ("commune_2025", "district_pre", "commune_pre"):
    Index(f"ix_rm_dossier_{_column}", dossier.c[_column])
procedure_count = Table(
    "rm_procedure_count",
    metadata,
    Column("unit_level", String(16), primary_key=True),
    Column("unit_code", String(5), primary_key=True),
    Column("child_level", String(16), primary_key=True),
    Column("child_code", String(5), primary_key=True),  # '' for a dossier without one
    Column("month", Date, primary_key=True),
    Column("procedure_code", String(32), primary_key=True),
    Column("channel", Integer, primary_key=True),
    *(Column(c, BigInteger, nullable=False) for c in PROCEDURE_MEASURES),
)
Index(
    "ix_rm_procedure_count_zero",
    procedure_count.c.unit_level,
    postgresql_where=procedure_count.c.pending == 0,
)
procedure_step_time = Table(
    "rm_procedure_step_time",
    metadata,
    Column("unit_level", String(16), primary_key=True),
    Column("unit_code", String(5), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("state", String(24), primary_key=True),
    Column("bucket", Integer, primary_key=True),  # floor(duration / 1 hour)
    Column("steps", BigInteger, nullable=False),
    Column("seconds", Numeric, nullable=False),  # exact sum of the durations
)
Index(
    "ix_rm_procedure_step_time_zero",
    procedure_step_time.c.unit_level,
    postgresql_where=procedure_step_time.c.steps == 0,
)

quality_snapshot = Table(
    "rm_quality_snapshot",
    metadata,
    Column("month", Date, primary_key=True),
    Column("level", String(8), primary_key=True),
    Column("unit_code", String(5), primary_key=True),
    Column("field", String(24), primary_key=True),
    Column("records", Integer, nullable=False),
    Column("present", Integer, nullable=False),
    Column("applicable", Integer, nullable=False),
)

payment_list = Table(
    "rm_payment_list",
    metadata,
    Column("list_id", String(64), primary_key=True),
    Column("province_code", String(2), nullable=False),
    *_unit_columns(),
    Column("month", Date, nullable=False),
    Column("lines", Integer),
    Column("owed_vnd", BigInteger),
    Column("approved_vnd", BigInteger),
    Column("closed", Boolean, nullable=False, server_default="false"),
)

payment_result = Table(
    "rm_payment_result",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("line_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    *_unit_columns(),
    Column("month", Date, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("amount_vnd", BigInteger, nullable=False),
    Column("group_code", String(16), nullable=False, server_default=""),
    Column("arrears", Boolean, nullable=False, server_default="false"),
)
Index("ix_rm_payment_result_line", payment_result.c.line_id, payment_result.c.seq)

payment_total = Table(
    "rm_payment_total",
    metadata,
    Column("list_id", String(64), primary_key=True),
    Column("stage", String(8), primary_key=True),  # "owed" (last generation) or "approved"
    Column("group_code", String(16), primary_key=True),
    Column("channel", String(32), primary_key=True),
    Column("arrears", Boolean, primary_key=True),
    Column("lines", Integer, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False),
)

# 0006_poverty_budget_aggregates (ADR 0040): the poverty and budget reports' counts per unit
poverty_month_count = Table(
    "rm_poverty_month_count",
    metadata,
    Column("unit_level", String(16), primary_key=True),
    Column("unit_code", String(5), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("dimension", String(16), primary_key=True),  # status, deprivation, move
    Column("key", String(32), primary_key=True),
    Column("delta", BigInteger, nullable=False),
)
Index(
    "ix_rm_poverty_month_count_zero",
    poverty_month_count.c.unit_level,
    postgresql_where=poverty_month_count.c.delta == 0,
)
budget_month_total = Table(
    "rm_budget_month_total",
    metadata,
    Column("unit_level", String(16), primary_key=True),
    Column("unit_code", String(5), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("figure", String(8), primary_key=True),  # owed, approved, paid, unpaid
    Column("group_code", String(16), primary_key=True),
    Column("channel", String(32), primary_key=True),
    Column("arrears", Boolean, primary_key=True),
    Column("entries", BigInteger, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False),
)
Index(
    "ix_rm_budget_month_total_zero",
    budget_month_total.c.unit_level,
    postgresql_where=budget_month_total.c.entries == 0,
)
Index("ix_rm_payment_list_month", payment_list.c.month)  # 0006

# --- the provincial-sync gap (ADR 0042) ---
provincial_submission = Table(
    "rm_provincial_submission",
    metadata,
    Column("province_code", String(2), primary_key=True),
    Column("provincial_code", String(64), primary_key=True),
    Column("procedure_code", String(32), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
)

sync_dossier = Table(
    "rm_sync_dossier",
    metadata,
    Column("dossier_id", String(64), primary_key=True),
    Column("dossier_code", String(64), nullable=False),
    Column("province_code", String(2), nullable=False),
    Column("procedure_code", String(32), nullable=False),
    Column("provincial_code", String(64)),
    Column("created_at", DateTime(timezone=True)),  # its submission event (here from then)
    Column("told_at", DateTime(timezone=True)),  # its first outbound status update
)
Index("ix_rm_sync_dossier_provincial", sync_dossier.c.provincial_code)
Index("ix_rm_sync_dossier_province", sync_dossier.c.province_code, sync_dossier.c.created_at)
