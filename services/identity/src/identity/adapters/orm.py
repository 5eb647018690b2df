"""The identity service's own database (``identity_global``): the audit of account actions.

Accounts themselves live in Keycloak, so nothing here is per province: one database, not
sharded (docs/identity.md). Schema changes are Alembic migrations in ``identity/migrations``.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

metadata = sa.MetaData()

account_audit = sa.Table(
    "account_audit",
    metadata,
    sa.Column("id", UUID(as_uuid=False), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("actor_subject", sa.Text, nullable=False),
    sa.Column("actor_username", sa.Text, nullable=False),
    sa.Column("actor_unit", sa.Text),
    sa.Column("actor_roles", ARRAY(sa.Text), nullable=False),
    sa.Column("client_address", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("target_username", sa.Text, nullable=False),
    sa.Column("target_user_id", sa.Text),
    sa.Column("target_unit", sa.Text),
    sa.Column("catalog_version", sa.Text, nullable=False),
    sa.Column("outcome", sa.Text, nullable=False),
    sa.Column("reason_code", sa.Text, nullable=False, server_default=""),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("details", JSONB),
    sa.Index("ix_account_audit_target", "target_username", "at"),
    sa.Index("ix_account_audit_actor", "actor_subject", "at"),
)
