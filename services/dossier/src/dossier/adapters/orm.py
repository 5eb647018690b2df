"""Tables of the dossier service on every province shard (also the target of its migrations).

* ``dossiers``: one row per dossier — the columns officers' queues filter and sort on, and the
  whole aggregate as a JSON document (``state``, ``adapters.codec``); ``version`` guards
  concurrent actions (optimistic: an UPDATE that finds another version fails).
* ``dossier_history``: the audit trail, append-only (who, when, what, from where).
* ``dossier_pauses``: the intervals the clock stood still (a request for more documents until
  they arrived).
* ``dossier_attachments``: metadata of stored files (the bytes are in the attachment store).
* ``dossier_code_counters``: the sequence of ``<agency>-YYMMDD-XXXX`` per agency and day
  (one row, incremented by ``INSERT … ON CONFLICT DO UPDATE … RETURNING``: unique under
  concurrent submissions).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import MetaData
from sqlalchemy.dialects import postgresql

from ansinh_common.migrations import add_messaging_tables

PROVINCIAL_CODE_UNIQUE = "uq_dossiers_province_provincial_code"
metadata = MetaData()
messaging = add_messaging_tables(metadata)

dossiers = sa.Table(
    "dossiers",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("code", sa.Text, nullable=False, unique=True),
    sa.Column("provincial_code", sa.Text, nullable=True),
    sa.Column("procedure_id", sa.Text, nullable=False),
    sa.Column("procedure_version", sa.Text, nullable=False),
    sa.Column("procedure_code", sa.Text, nullable=False),
    sa.Column("purpose_id", sa.Text, nullable=False),
    sa.Column("form_id", sa.Text, nullable=False),
    sa.Column("province_code", sa.Text, nullable=False),
    sa.Column("commune_code", sa.Text, nullable=False),
    sa.Column("destination_commune_code", sa.Text, nullable=True),
    sa.Column("unit_code", sa.Text, nullable=False),
    sa.Column("stage", sa.Text, nullable=False),
    sa.Column("channel", sa.SmallInteger, nullable=False),
    sa.Column("applicant_national_id", sa.Text, nullable=False),
    sa.Column("submitted_by", sa.Text, nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("received_on", sa.Date, nullable=True),
    sa.Column("due_on", sa.Date, nullable=True),
    sa.Column("hiv_related", sa.Boolean, nullable=False),
    sa.Column("registry_record_id", sa.Text, nullable=True),
    sa.Column("registry_refusal", sa.Text, nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("state", postgresql.JSONB, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # a provincial system numbers its own dossiers: unique per province (several share a shard)
    sa.UniqueConstraint("province_code", "provincial_code", name=PROVINCIAL_CODE_UNIQUE),
    sa.Index("ix_dossiers_queue", "unit_code", "due_on"),
    sa.Index("ix_dossiers_applicant", "applicant_national_id"),
    sa.Index("ix_dossiers_submitted_by", "submitted_by"),
)

dossier_history = sa.Table(
    "dossier_history",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
    sa.Column("dossier_id", sa.Text, sa.ForeignKey("dossiers.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("from_stage", sa.Text, nullable=True),
    sa.Column("to_stage", sa.Text, nullable=False),
    sa.Column("actor_subject", sa.Text, nullable=False),
    sa.Column("actor_username", sa.Text, nullable=False),
    sa.Column("actor_unit_code", sa.Text, nullable=True),
    sa.Column("client_address", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.UniqueConstraint("dossier_id", "version", name="uq_dossier_history_version"),
)

dossier_pauses = sa.Table(
    "dossier_pauses",
    metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
    sa.Column("dossier_id", sa.Text, sa.ForeignKey("dossiers.id"), nullable=False),
    sa.Column("step_id", sa.Text, nullable=False),
    sa.Column("paused_on", sa.Date, nullable=False),
    sa.Column("resumed_on", sa.Date, nullable=True),
    sa.Column("documents", postgresql.ARRAY(sa.Text), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)

dossier_attachments = sa.Table(
    "dossier_attachments",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("dossier_id", sa.Text, sa.ForeignKey("dossiers.id"), nullable=False),
    sa.Column("document_id", sa.Text, nullable=False),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("content_type", sa.Text, nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
    sa.Column("storage_key", sa.Text, nullable=False),
    sa.Column("uploaded_by", sa.Text, nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("client_address", sa.Text, nullable=False),
    sa.Index("ix_dossier_attachments_dossier", "dossier_id"),
)

dossier_code_counters = sa.Table(
    "dossier_code_counters",
    metadata,
    sa.Column("agency_code", sa.Text, primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("last_sequence", sa.Integer, nullable=False),
)
